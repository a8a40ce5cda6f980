// Intentionally empty: Node ≥ 20 has every ES2015 feature core-js 2 would polyfill for twitter-text.
