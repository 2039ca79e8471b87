import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import AthMovilProviderService from "./service"

export default ModuleProvider(Modules.PAYMENT, {
  services: [AthMovilProviderService],
})

export type { AthMovilOptions } from "./options"
