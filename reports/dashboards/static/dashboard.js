// Dashboards in the browser: draws every chart of the page from its spec with vega-embed (with `ast`, vega-embed
// evaluates expressions with its own interpreter instead of eval, as the CSP demands), submits the filter form when a choice changes, and signs in without
// leaving the login page when the password is wrong.
const EMBED_OPTIONS = {
  actions: false,
  renderer: 'svg',
  ast: true,
  // Both would add <style> elements, which the page's Content-Security-Policy refuses.
  defaultStyle: false,
  tooltip: false,
};

// A page without charts (every panel empty) is marked drawn too, so its time to complete can be measured.
async function drawCharts() {
  const blocks = [...document.querySelectorAll('[data-chart]')];
  const specs = JSON.parse(document.getElementById('chart-specs')?.textContent ?? '{}');
  const results = await Promise.allSettled(
    blocks.map((block) => drawChart(block, specs[block.dataset.chart], EMBED_OPTIONS)),
  );
  const failed = results.filter((result) => result.status === 'rejected').length;
  performance.mark('charts-rendered');
  document.body.dataset.chartsRendered = String(blocks.length - failed);
  document.body.dataset.chartsFailed = String(failed);
}

async function drawChart(block, spec, options) {
  const canvas = block.querySelector('.chart-canvas');
  try {
    if (!spec) throw new Error(`no spec for chart ${block.dataset.chart}`);
    await window.vegaEmbed(canvas, spec, options);
  } catch (error) {
    block.classList.add('chart-error');
    canvas.textContent = `This chart could not be drawn: ${error.message}`;
    console.error(error);
    throw error;
  }
}

function autosubmitFilters() {
  for (const form of document.querySelectorAll('form[data-autosubmit]')) {
    for (const select of form.querySelectorAll('select')) {
      select.addEventListener('change', () => form.requestSubmit());
    }
  }
}

function signInInPlace() {
  const form = document.querySelector('form[data-login]');
  if (!form) return;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const message = document.getElementById('login-error');
    // JSON, not the form encoding: the answer is 200 or a problem, never a redirect to follow.
    const response = await fetch('/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(Object.fromEntries(new FormData(form))),
    });
    if (response.ok) {
      window.location.assign(form.dataset.next);
      return;
    }
    const problem = await response.json().catch(() => ({}));
    message.textContent = problem.detail ?? `Sign-in failed (${response.status})`;
    message.hidden = false;
  });
}

autosubmitFilters();
signInInPlace();
drawCharts();
