// The page inside another page: a postMessage API for the host, and a visible explanation when the page cannot run.
//
// Messages to the host (window.parent, target origin '*': they carry nothing private), each
// {source: 'sgmlab', type, …}:
//   {type: 'ready', state, query}                    the build is loaded and the controls are drawn
//   {type: 'progress', phase, done, total}           phase 'run' (steps) or 'plot' (runs of the sweep)
//   {type: 'done', query, result, sweep}             both finished: the run's result JSON and the sweep's
//   {type: 'error', message, control}                an error, naming the control it is about
// Commands from the host, each {type, …} (from any origin: they only do what the page's own controls do):
//   {type: 'set', parameters: {steps: 40, 'sampler.eta': 0.5, …}}   URL keys and values; redraws the controls
//   {type: 'run'}  {type: 'cancel'}
export function createHostChannel() {
  const host = window.parent !== window ? window.parent : null;
  return {
    embedded: host !== null,
    post(type, payload = {}) {
      if (host) host.postMessage({ source: 'sgmlab', type, ...payload }, '*');
    },
    // handlers: {set(parameters), run(), cancel()}
    listen(handlers) {
      window.addEventListener('message', ({ data }) => {
        if (!data || typeof data !== 'object' || typeof data.type !== 'string') return;
        if (data.type === 'set' && data.parameters && typeof data.parameters === 'object') handlers.set(data.parameters);
        else if (data.type === 'run') handlers.run();
        else if (data.type === 'cancel') handlers.cancel();
      });
    },
  };
}

// Why the page cannot run here, or '' when nothing is known to stop it.
export function obstacle() {
  if (window.location.protocol === 'file:') {
    return 'This page was opened as a file (file://). Browsers do not load its modules, worker and WebAssembly from '
      + 'files: serve the folder over http(s) — `npm start`, or any static web server (e.g. `python3 -m http.server` '
      + 'in the folder) — and open it from there.';
  }
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    return 'This browser does not run WebAssembly (or it is disabled here), which the page needs for the sampler.';
  }
  if (typeof Worker !== 'function') return 'This browser does not offer web workers, which the page needs for the sampler.';
  if (window.origin === 'null') {
    return 'The page runs in a sandboxed frame without the same origin (sandbox="allow-scripts"): its worker and '
      + 'WebAssembly cannot load. The embedding page must allow both: sandbox="allow-scripts allow-same-origin".';
  }
  return '';
}

// Shows `message` in the element that otherwise says the page is starting, as an alert.
export function showObstacle(element, message) {
  element.replaceChildren();
  element.append(Object.assign(document.createElement('strong'), { textContent: 'The demo cannot run here. ' }), message);
  element.setAttribute('role', 'alert');
  element.hidden = false;
  document.body.dataset.unavailable = 'true';
}
