import { createContext, useContext } from "react"

/**
 * The ATH Business account the page shows (`pp_athmovil_<id>`), chosen with the page's account
 * switcher; undefined means the store's first account (the server's default), which is all a
 * single-account store ever needs. Every admin API hook sends it as `provider_id`.
 */
export const AccountContext = createContext<string | undefined>(undefined)

export const useAccountId = () => useContext(AccountContext)
