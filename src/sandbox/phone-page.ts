/**
 * The customer's side of a payment: a tiny stand-in for the ATH Móvil app's
 * push screen. Self-contained (inline CSS/JS, no external assets) so it works
 * offline and in browser tests.
 */
import type { SandboxItem } from "./types"

export interface PendingPaymentView {
  ecommerceId: string
  businessName: string
  total: string
  items: SandboxItem[]
  secondsLeft: number
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function paymentCard(p: PendingPaymentView): string {
  const items = p.items.length
    ? `<ul class="items">${p.items
        .map((i) => `<li>${esc(i.name)} × ${i.quantity} — $${esc(i.price)}</li>`)
        .join("")}</ul>`
    : ""
  const id = esc(p.ecommerceId)
  return `<li class="payment" data-ecommerce-id="${id}">
  <div class="business">${esc(p.businessName)}</div>
  <div class="amount">$${esc(p.total)}</div>
  ${items}
  <div class="timer"><span class="seconds-left" data-seconds-left="${p.secondsLeft}">${p.secondsLeft}</span> s left</div>
  <div class="actions">
    <button type="button" class="approve" data-action="approve" data-ecommerce-id="${id}">Approve</button>
    <button type="button" class="reject" data-action="reject" data-ecommerce-id="${id}">Reject</button>
  </div>
</li>`
}

export function renderPhonePage(opts: { phone: string; payments: PendingPaymentView[]; clockRunning: boolean }): string {
  const { phone, payments } = opts
  const list = !phone
    ? `<p class="empty">Enter the phone number the store sent the payment to.</p>`
    : payments.length
      ? `<ul class="payments">${payments.map(paymentCard).join("\n")}</ul>`
      : `<p class="empty">No pending payments for ${esc(phone)}.</p>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ATH Móvil sandbox phone</title>
<link rel="icon" href="data:,">
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #f2f2f2; }
  main { max-width: 420px; margin: 0 auto; padding: 16px; }
  h1 { font-size: 1.2rem; color: #f58220; }
  form { display: flex; gap: 8px; margin-bottom: 16px; }
  input { flex: 1; padding: 8px; font-size: 1rem; }
  ul.payments { list-style: none; padding: 0; }
  li.payment { background: #fff; border-radius: 8px; padding: 12px; margin-bottom: 12px; box-shadow: 0 1px 3px #0002; }
  .amount { font-size: 1.6rem; font-weight: 600; }
  .actions { display: flex; gap: 8px; margin-top: 8px; }
  button { flex: 1; padding: 10px; font-size: 1rem; border: 0; border-radius: 6px; cursor: pointer; }
  button.approve { background: #f58220; color: #fff; }
  button.reject { background: #ddd; }
  #status { min-height: 1.2em; color: #a00; }
</style>
</head>
<body>
<main>
  <h1>ATH Móvil sandbox phone</h1>
  <form method="get" action="/sandbox/phone">
    <input name="phone" inputmode="numeric" pattern="\\d{10}" placeholder="7875551234" value="${esc(phone)}" aria-label="Phone number">
    <button type="submit">Switch phone</button>
  </form>
  <p id="status" role="status"></p>
  ${list}
</main>
<script>
(function () {
  var phone = ${JSON.stringify(phone).replace(/</g, "\\u003c")};
  var clockRunning = ${opts.clockRunning};
  var status = document.getElementById("status");
  document.querySelectorAll("button[data-action]").forEach(function (button) {
    button.addEventListener("click", function () {
      var id = button.getAttribute("data-ecommerce-id");
      button.disabled = true;
      fetch("/sandbox/customer/" + button.getAttribute("data-action"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ecommerceId: id, phoneNumber: phone })
      }).then(function (res) {
        return res.json().then(function (body) {
          if (!res.ok) throw new Error(body.error || res.statusText);
          location.reload();
        });
      }).catch(function (err) {
        status.textContent = err.message;
        button.disabled = false;
      });
    });
  });
  if (clockRunning) {
    setInterval(function () {
      document.querySelectorAll(".seconds-left").forEach(function (el) {
        var left = Math.max(0, Number(el.getAttribute("data-seconds-left")) - 1);
        el.setAttribute("data-seconds-left", String(left));
        el.textContent = String(left);
      });
    }, 1000);
  }
  if (phone) {
    // Pick up payments pushed after the page loaded.
    var shown = Array.prototype.map.call(document.querySelectorAll("li.payment"), function (li) {
      return li.getAttribute("data-ecommerce-id");
    }).sort().join(",");
    setInterval(function () {
      fetch("/sandbox/control/tickets?status=OPEN&phone=" + encodeURIComponent(phone))
        .then(function (res) { return res.json(); })
        .then(function (tickets) {
          var now = tickets.map(function (t) { return t.ecommerceId; }).sort().join(",");
          if (now !== shown) location.reload();
        })
        .catch(function () {});
    }, 3000);
  }
})();
</script>
</body>
</html>
`
}
