// "Your basket" and its close button at the top of the basket drawer: one NiceGUI element instead of a row, a
// label and a button. Only the button closes ("click"); the heading itself is text.
export default {
  template: `
    <div class="nicegui-row w-full items-center justify-between no-wrap">
      <div class="text-xl font-semibold">Your basket</div>
      <!-- icon-only: screen readers need a name (inside "Your basket") -->
      <q-btn flat round icon="close" aria-label="Close" @click="$emit('click')" />
    </div>
  `,
  emits: ["click"],
};
