"use strict"
/**
 * The demo's products. Pictures are small SVG illustrations stored as data: URIs, so the demo
 * downloads nothing and the images show the same in the storefront and the admin.
 */

function svg(body, [from, to]) {
  const markup = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="400" height="300">
<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
<rect width="400" height="300" fill="url(#bg)"/>${body}</svg>`
  return `data:image/svg+xml;base64,${Buffer.from(markup).toString("base64")}`
}

const coffee = svg(
  `<ellipse cx="200" cy="246" rx="118" ry="16" fill="#00000022"/>
<path d="M120 110 h150 v80 a55 55 0 0 1 -55 55 h-40 a55 55 0 0 1 -55 -55 z" fill="#fffaf2"/>
<path d="M270 128 a32 32 0 0 1 0 64" fill="none" stroke="#fffaf2" stroke-width="14"/>
<rect x="120" y="110" width="150" height="16" fill="#6b3e26"/>
<path d="M165 90 c-12 -18 12 -26 0 -46 M200 90 c-12 -18 12 -26 0 -46 M235 90 c-12 -18 12 -26 0 -46" fill="none" stroke="#fffaf2" stroke-width="6" stroke-linecap="round" opacity="0.8"/>
<circle cx="195" cy="178" r="22" fill="#6b3e26"/><path d="M195 158 q-9 20 0 40" stroke="#fffaf2" stroke-width="4" fill="none"/>`,
  ["#c98b5a", "#7a4a2b"]
)

const pava = svg(
  `<ellipse cx="200" cy="200" rx="160" ry="42" fill="#e9c46a"/>
<ellipse cx="200" cy="196" rx="150" ry="34" fill="#f4d58d"/>
<path d="M130 190 q0 -95 70 -95 q70 0 70 95 z" fill="#e9c46a"/>
<path d="M132 170 q68 22 136 0 v14 q-68 22 -136 0 z" fill="#c0392b"/>
<path d="M150 130 q50 -10 100 0 M140 150 q60 -12 120 0" stroke="#d4a94f" stroke-width="3" fill="none"/>`,
  ["#2a9d8f", "#1d6f65"]
)

const tee = svg(
  `<path d="M140 60 l-70 40 l28 52 l30 -14 v122 h144 v-122 l30 14 l28 -52 l-70 -40 q-30 26 -60 0 z" fill="#ffffff"/>
<circle cx="200" cy="170" r="34" fill="#3a8d3f"/>
<circle cx="188" cy="160" r="7" fill="#ffffff"/><circle cx="212" cy="160" r="7" fill="#ffffff"/>
<circle cx="188" cy="160" r="3.5" fill="#1b1b1b"/><circle cx="212" cy="160" r="3.5" fill="#1b1b1b"/>
<path d="M186 182 q14 10 28 0" stroke="#1b1b1b" stroke-width="3" fill="none" stroke-linecap="round"/>
<text x="200" y="232" font-family="sans-serif" font-size="18" font-weight="700" text-anchor="middle" fill="#3a8d3f">CO-QUÍ</text>`,
  ["#8ecae6", "#3d7ea6"]
)

const guiro = svg(
  `<g transform="rotate(-18 200 150)">
<ellipse cx="200" cy="150" rx="150" ry="48" fill="#d9a05b"/>
<path d="M90 150 h220" stroke="#8a5a2b" stroke-width="4"/>
${Array.from({ length: 17 }, (_, i) => `<path d="M${110 + i * 11} 118 v64" stroke="#8a5a2b" stroke-width="3"/>`).join("")}
<ellipse cx="330" cy="150" rx="14" ry="22" fill="#8a5a2b"/>
</g>
<path d="M250 250 l90 -70" stroke="#f1e3c6" stroke-width="7" stroke-linecap="round"/>`,
  ["#e76f51", "#a63d2a"]
)

const hamaca = svg(
  `<rect x="40" y="70" width="14" height="190" fill="#6d4c2f"/><rect x="346" y="70" width="14" height="190" fill="#6d4c2f"/>
<path d="M54 100 Q200 260 346 100" fill="none" stroke="#f4a261" stroke-width="18"/>
<path d="M54 112 Q200 250 346 112" fill="none" stroke="#e63946" stroke-width="10"/>
<path d="M54 124 Q200 238 346 124" fill="none" stroke="#ffffff" stroke-width="8"/>
<path d="M54 136 Q200 226 346 136" fill="none" stroke="#2a9d8f" stroke-width="8"/>
<circle cx="320" cy="50" r="24" fill="#ffd166"/>`,
  ["#a8dadc", "#457b9d"]
)

/** Five products at prices ATH Móvil accepts (1.00–1500.00 USD per order). */
const PRODUCTS = [
  {
    handle: "cafe-de-puerto-rico",
    title: "Café de Puerto Rico",
    description: "Whole-bean coffee from the central mountains, medium roast, 12 oz.",
    price: 18,
    image: coffee,
  },
  {
    handle: "pava-jibara",
    title: "Pava jíbara",
    description: "Hand-woven straw hat of the Puerto Rican countryside.",
    price: 35,
    image: pava,
  },
  {
    handle: "coqui-tee",
    title: "Coquí T-shirt",
    description: "Organic cotton tee with the island's famous little tree frog.",
    price: 24,
    image: tee,
  },
  {
    handle: "guiro",
    title: "Güiro",
    description: "Hand-carved gourd percussion instrument, with scraper.",
    price: 28,
    image: guiro,
  },
  {
    handle: "hamaca-artesanal",
    title: "Hamaca artesanal",
    description: "Cotton hammock woven in San Sebastián, holds two.",
    price: 65,
    image: hamaca,
  },
]

module.exports = { PRODUCTS }
