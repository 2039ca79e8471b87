import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { INotificationModuleService, Logger } from "@medusajs/framework/types"

type Container = { resolve<T = unknown>(key: string, options?: { allowUnregistered?: boolean }): T | undefined }

export interface AdminNotice {
  /** Same key, same problem: posted once (the notification's idempotency key; a log line once per process). */
  key: string
  title: string
  description: string
}

const loggedWithoutFeed = new Set<string>()

/**
 * Tells the store's admins about something only they can act on. With Medusa's Notification
 * module and a provider on the `feed` channel (Medusa's default local provider), it is a
 * notification in the admin's bell, posted once per key across instances; without one, a warning
 * line in the server log, once per key per process.
 */
export async function postAdminNotice(container: Container, notice: AdminNotice): Promise<"feed" | "log"> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)!
  const notifications = container.resolve<INotificationModuleService>(Modules.NOTIFICATION, { allowUnregistered: true })
  if (notifications) {
    try {
      await notifications.createNotifications({
        to: "",
        channel: "feed",
        template: "admin-ui",
        data: { title: notice.title, description: notice.description },
        idempotency_key: notice.key,
      })
      return "feed"
    } catch (e) {
      // Another instance posted the same key first (unique idempotency key), or no provider serves
      // `feed`: the log line below still tells someone.
      if (e instanceof Error && /idempotency|unique|duplicate/i.test(e.message)) return "feed"
    }
  }
  if (!loggedWithoutFeed.has(notice.key)) {
    loggedWithoutFeed.add(notice.key)
    logger.warn(`ATH Móvil: ${notice.title}. ${notice.description}`)
  }
  return "log"
}
