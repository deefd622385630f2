// The storefront's heading row: "Order for pickup" and the basket button with its count, one NiceGUI element
// instead of a row, a label, a button and a badge. The button is named with the count ("Basket, 3 items"): it
// shows only an icon, and a screen reader says its name.
export default {
  template: `
    <div class="nicegui-row w-full items-center justify-between">
      <div class="text-3xl font-semibold">{{ title }}</div>
      <q-btn color="primary" icon="shopping_basket" :aria-label="label" @click="$emit('open')">
        <q-badge floating color="red">{{ count }}</q-badge>
      </q-btn>
    </div>
  `,
  props: {
    title: String,
    count: Number,
    label: String,
  },
  emits: ["open"],
};
