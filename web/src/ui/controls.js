// The form: draws the controls of state/controls.js in fieldsets, reads them back into a state, and marks the control
// an error names. Choosing another target, process, grid, sampler or score redraws the form with that entry's
// parameters (state/controls.js afterChoice).
import { controlsOf, visible } from '../state/controls.js';
import { editableParameters, pageParameters, parseComponentValue, parsePageValue } from '../state/query.js';

const groups = {
  data: 'Data',
  process: 'Forward process',
  sampler: 'Sampler and score',
  run: 'Animated run',
  plot: 'Convergence plot',
};
const names = ['target', 'process', 'grid', 'sampler', 'score'];
const page = Object.fromEntries(pageParameters.map((p) => [p.key, p]));
const idOf = (key) => `control-${key.replace('.', '-')}`;

function element(control) {
  let input;
  if (control.kind === 'select') {
    input = document.createElement('select');
    for (const o of control.options) {
      input.add(Object.assign(new Option(o.label, o.value), o.title ? { title: o.title } : {}));
    }
    input.value = control.value;
  } else {
    input = document.createElement('input');
    if (control.kind === 'checkbox') {
      input.type = 'checkbox';
      input.checked = control.value;
    } else {
      input.type = 'text';
      input.value = control.value;
      input.placeholder = control.placeholder ?? '';
      input.inputMode = control.key === 'sweep' ? 'text' : 'decimal';
      input.spellcheck = false;
    }
  }
  input.name = control.key;
  input.id = idOf(control.key);
  if (control.help) input.title = control.help;
  return input;
}

export function drawControls(container, state, catalogue, onChoice) {
  container.replaceChildren();
  const sets = {};
  for (const control of controlsOf(state, catalogue)) {
    if (!visible(control, state)) continue;
    if (!sets[control.group]) {
      sets[control.group] = container.appendChild(document.createElement('fieldset'));
      sets[control.group].append(Object.assign(document.createElement('legend'), { textContent: groups[control.group] }));
    }
    const label = document.createElement('label');
    label.htmlFor = idOf(control.key);
    label.className = control.kind === 'checkbox' ? 'check' : '';
    label.append(control.label);
    const input = element(control);
    if (names.includes(control.key)) input.addEventListener('change', () => onChoice(control.key));
    sets[control.group].append(label, input);
  }
}

// The state the form describes (controls not drawn keep the state's values).
export function readControls(container, state, catalogue) {
  const next = structuredClone(state);
  for (const input of container.querySelectorAll('[name]')) {
    const key = input.name;
    if (page[key]) {
      next[key] = parsePageValue(page[key], input.value);
      continue;
    }
    const [component, name] = key.split('.');
    const parameter = editableParameters(catalogue, component, state[component]).find((p) => p.name === name);
    if (!parameter) continue;
    if (input.type === 'checkbox') next.options[component][name] = input.checked;
    else if (input.value.trim() === '') delete next.options[component][name];
    else next.options[component][name] = parseComponentValue(parameter, input.value);
  }
  return next;
}

// Marks the control an error names (aria-invalid, a class, described by the alert) and clears the others.
export function markInvalid(container, control, alertId) {
  for (const input of container.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-errormessage');
  }
  const input = control ? container.querySelector(`[name="${control}"]`) : null;
  if (!input) return false;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-errormessage', alertId);
  return true;
}
