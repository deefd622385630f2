// The storefront's shelves: every category's heading and grid of product cards, drawn in the browser as one
// NiceGUI element instead of a heading, a grid and a card element per shelf and product (18 elements for the
// demo catalogue). Each visitor's page is built, held and deleted with that many fewer elements on the server.
// A card is product_card.js; its key is the product's id, so a new price or "sold out" redraws the card in
// place and what the customer typed in it stays. A category whose products are all hidden by the allergen
// filter is left out with its heading.
import ProductCard from "product_card";

export default {
  components: { ProductCard },
  template: `
    <div class="nicegui-column w-full">
      <template v-for="shelf in shelves" :key="shelf.category">
        <template v-if="shelf.cards.some(([id]) => !hidden.includes(id))">
          <div class="text-xl font-medium mt-2">{{ shelf.category }}</div>
          <div class="nicegui-grid w-full gap-3 grid-cols-1 sm:grid-cols-2 md:grid-cols-3">
            <product-card
              v-for="[id, card] in shelf.cards"
              v-show="!hidden.includes(id)"
              :key="id"
              v-bind="card"
              :quantity-error="answers[id]?.quantityError ?? ''"
              :problem="answers[id]?.problem ?? ''"
              @add="(sent) => $emit('add', { product: id, ...sent })"
            />
          </div>
        </template>
      </template>
    </div>
  `,
  props: {
    shelves: Array, // [{category, cards: [[product id, the props of product_card.js]]}], in shelf order
    hidden: Array, // ids of the products the customer's allergen filter hides
    answers: Object, // product id -> {quantityError, problem}: what the server said to that card's last Add
  },
};
