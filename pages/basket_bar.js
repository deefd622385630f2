// The bar at the bottom of a phone's storefront: "3 items · £9.30" and a View basket button, one NiceGUI element
// instead of a row, a label and a button. A tap anywhere on the bar opens the basket: the server's click
// listener sits on the bar itself, and the button's click reaches it as any click inside does.
export default {
  template: `
    <div class="nicegui-row w-full items-center justify-between no-wrap">
      <div class="text-lg font-semibold">{{ summary }}</div>
      <q-btn color="white" text-color="amber-10" unelevated icon="shopping_basket" label="View basket" />
    </div>
  `,
  props: {
    summary: String,
  },
};
