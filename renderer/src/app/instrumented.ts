// Whether this is the instrumented renderer build (`vite build --mode instrumented`, see
// renderer/vite.config.ts) that e2e tests and benches drive through window.__dutydeck* hooks.
// The build replaces MODE with a string, so in a production build every block guarded by
// this constant, hook names included, folds away (e2e/bundle.test.ts checks it).
export const INSTRUMENTED = import.meta.env.MODE === 'instrumented';
