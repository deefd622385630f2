// The staff board's columns, drawn in the browser from its cards (pages/board_view.py says why).
//
// The cards are this element's children, in no particular order: each card's props say its column (status) and
// its place in it (rank), so an order moving on changes one card's props and no column. Changes every open board
// shares arrive once for all of them as a "board_cards" socket message, {serial, cards: {orderId: props | null}}
// (null: the order left the board); a card shows such a change until its own props are at least as new.
import { cloneVNode, h } from "vue";

const KEEP = 2000; // changes remembered; older ones are already in the cards' own props

export default {
  props: {
    columns: Array, // the statuses, left to right
    delivery: Boolean, // the bakery delivers: the Shipped column shows even when empty
  },
  data() {
    return { live: {} };
  },
  mounted() {
    this.listen();
  },
  unmounted() {
    clearTimeout(this.waiting);
    if (this.listener) window.socket.off("board_cards", this.listener);
  },
  methods: {
    listen() {
      // Children mount before NiceGUI's app creates the socket.
      if (!window.socket) {
        this.waiting = setTimeout(() => this.listen(), 20);
        return;
      }
      this.listener = (message) => {
        const live = this.live;
        Object.entries(message.cards).forEach(([id, props]) => (live[id] = { serial: message.serial, props }));
        const ids = Object.keys(live);
        if (ids.length > KEEP) ids.slice(0, ids.length - KEEP).forEach((id) => delete live[id]);
      };
      window.socket.on("board_cards", this.listener);
    },
    shown(card) {
      const props = card.props || {};
      const change = this.live[props.orderId];
      if (!change || change.serial <= props.serial) return card;
      return change.props && cloneVNode(card, change.props);
    },
  },
  render() {
    const byColumn = Object.fromEntries(this.columns.map((status) => [status, []]));
    const children = this.$slots.default ? this.$slots.default() : [];
    children.forEach((child) => {
      const card = this.shown(child);
      if (card && byColumn[card.props.status]) byColumn[card.props.status].push(card);
    });
    const drawn = this.columns.filter((status) => status !== "Shipped" || this.delivery || byColumn[status].length);
    return h(
      "div",
      { class: "nicegui-row w-full gap-3 no-wrap items-start overflow-x-auto px-1 pb-2" },
      drawn.map((status) => {
        const cards = byColumn[status].sort((a, b) => (a.props.rank < b.props.rank ? -1 : 1));
        return h("div", { class: "nicegui-column min-w-64 flex-1 gap-2", "data-column": status }, [
          h("div", { class: "font-semibold text-lg" }, `${status} (${cards.length})`),
          ...cards,
        ]);
      }),
    );
  },
};
