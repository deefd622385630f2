// One order's card on the staff board, drawn in the browser from a handful of props.
// One NiceGUI element per card instead of fifteen: less memory per open board, less work per new order.
// The timers ("In Progress for 12 min") and the card's age ("Placed 5 min ago") tick in the browser from one clock
// shared by every card of the page, so a ticking board costs the server nothing: with 200 boards open, ageing
// every card once a minute from the server was 200 × 20 card updates sent at each turn of the minute.
const clock = { cards: new Set(), timer: null };
function tick() {
  const now = Date.now();
  clock.cards.forEach((card) => (card.now = now));
}
function minutes(ms) {
  const total = Math.max(0, Math.floor(ms / 60000));
  if (total < 60) return total + " min";
  return Math.floor(total / 60) + " h " + (total % 60) + " min";
}
function ago(ms) {
  // As pages/layout.py's ago() words it: "just now", "5 min ago", "2 h 5 min ago", "3 d ago".
  const total = Math.max(0, Math.floor(ms / 60000));
  if (total < 1) return "just now";
  if (total < 24 * 60) return minutes(ms) + " ago";
  return Math.floor(total / (24 * 60)) + " d ago";
}
export default {
  template: `
    <q-card class="nicegui-card w-full gap-1 border-l-8" :class="frame">
      <div class="nicegui-row w-full justify-between items-center">
        <a :href="href" class="nicegui-link text-2xl font-bold">#{{ ticket }}</a>
        <q-badge v-if="badge" :color="tone" :text-color="ink" :label="badge" />
      </div>
      <div class="font-medium">{{ customer }}</div>
      <div class="text-sm">{{ pickup }}</div>
      <div class="text-xs opacity-70" data-placed>Placed {{ placedAgo }}</div>
      <div v-if="since" class="text-xs font-medium" data-timer="status">{{ status }} for {{ inStatus }}</div>
      <div v-if="waiting" class="text-xs font-bold text-red-700" data-timer="waiting">
        Customer waited for {{ waiting }}
      </div>
      <div v-for="(item, index) in items" :key="index" class="text-sm">{{ item }}</div>
      <div
        v-if="allergens && allergens.length"
        class="text-xs font-semibold text-orange-900 border border-orange-300 bg-orange-50 rounded px-1 self-start"
        title="Allergens its products declare"
        data-allergens
      >
        Contains: {{ allergens.join(", ") }}
      </div>
      <div
        v-if="allergy"
        role="alert"
        class="bg-red-700 text-white font-bold rounded px-2 py-1 text-sm"
        style="white-space: pre-wrap; overflow-wrap: anywhere"
      >
        ⚠ ALLERGY · {{ note }}
      </div>
      <div
        v-else-if="note"
        class="bg-amber-100 text-stone-900 rounded px-2 py-1 text-sm italic"
        style="white-space: pre-wrap; overflow-wrap: anywhere"
      >
        {{ note }}
      </div>
      <div class="nicegui-row gap-1">
        <q-btn v-if="advance" dense color="green-9" :label="advance" @click="$emit('advance')" />
        <q-btn
          v-for="target in others"
          :key="target"
          dense
          outline
          color="green-9"
          :label="'→ ' + target"
          @click="$emit('move', target)"
        />
        <q-btn
          v-if="undoable"
          dense
          flat
          icon="undo"
          title="Undo the last move"
          aria-label="Undo the last move"
          @click="$emit('undo')"
        />
        <q-btn dense flat icon="print" title="Print ticket" aria-label="Print ticket" :href="ticketHref" target="_blank" />
        <q-btn dense flat color="red" icon="close" title="Cancel…" aria-label="Cancel…" @click="$emit('cancel')" />
      </div>
      <slot />
    </q-card>
  `,
  props: {
    orderId: String,
    serial: Number, // how new these props are (pages/board_columns.js)
    rank: String, // its place in its column: sorts as the board's query does
    frame: String, // the border and background of its lateness
    ticket: Number,
    href: String,
    customer: String,
    pickup: String,
    placedAt: Number, // when the order was placed, ms since the epoch
    items: Array,
    allergens: Array, // what its products declare, short names ("gluten")
    note: String,
    allergy: Boolean,
    badge: String,
    tone: String,
    ink: String,
    advance: String,
    others: Array,
    undoable: Boolean,
    status: String,
    since: Number, // when the order entered its status, ms since the epoch
    pickupAt: Number, // its pickup time, ms since the epoch (0: none)
  },
  data() {
    return { now: Date.now() };
  },
  computed: {
    ticketHref() {
      return this.href.replace("/admin/orders/", "/admin/tickets/");
    },
    placedAgo() {
      return ago(this.now - this.placedAt);
    },
    inStatus() {
      return minutes(this.now - this.since);
    },
    waiting() {
      // Only a Ready order waits for its customer, and only once the pickup time has passed.
      if (this.status !== "Ready" || !this.pickupAt || this.now < this.pickupAt) return "";
      return minutes(this.now - Math.max(this.pickupAt, this.since));
    },
  },
  mounted() {
    clock.cards.add(this);
    if (!clock.timer) clock.timer = setInterval(tick, 15000);
  },
  unmounted() {
    clock.cards.delete(this);
    if (!clock.cards.size) {
      clearInterval(clock.timer);
      clock.timer = null;
    }
  },
};
