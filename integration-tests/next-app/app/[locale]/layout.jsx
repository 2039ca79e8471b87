import { notFound } from "next/navigation"
import { LOCALES } from "../../lib/messages"

export const dynamic = "force-dynamic"

export default async function RootLayout({ children, params }) {
  const { locale } = await params
  if (!LOCALES.includes(locale)) notFound()
  return (
    <html lang={locale}>
      <head>
        {/* No favicon request: a 404 in the console would hide real errors from the test. */}
        <link rel="icon" href="data:," />
      </head>
      <body style={{ fontFamily: "system-ui, sans-serif", maxWidth: 720, margin: "2rem auto", padding: "0 1rem" }}>{children}</body>
    </html>
  )
}
