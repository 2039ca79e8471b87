import { addToCart } from "../../lib/actions"
import { medusaConfig, serverSdk } from "../../lib/config"
import { messages } from "../../lib/messages"

/** The store's products; "Add to cart" creates the cart with address and shipping (the starter's first steps, condensed). */
export default async function StorePage({ params }) {
  const { locale } = await params
  const t = messages(locale)
  const { regionId } = medusaConfig()
  const { products } = await serverSdk().store.product.list({ region_id: regionId, fields: "id,title,*variants" })
  return (
    <main>
      <h1>{t.store}</h1>
      {products.map((p) => (
        <section key={p.id} data-testid="product" data-title={p.title}>
          <h2>{p.title}</h2>
          <form action={addToCart}>
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="variant_id" value={p.variants[0].id} />
            <input type="hidden" name="phone" value="787-555-1234" />
            <button type="submit" data-testid="add-to-cart">
              {t.add}
            </button>
          </form>
        </section>
      ))}
    </main>
  )
}
