import { Module } from "@medusajs/framework/utils"
import AthMovilModuleService from "./service"

export const ATHMOVIL_MODULE = "athmovil"

export default Module(ATHMOVIL_MODULE, { service: AthMovilModuleService })
