/**
 * Pages that are not articles, generated for `npm run bench:page`: what a reader opens all day
 * besides the news (a sign-in form, a documentation page). Sidenote should cost them next to nothing.
 */

/** A bank's or a mail service's sign-in page: a form, a few lines of text, a footer. */
export function signInHtml(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title>
<style>body{font:16px system-ui;margin:0}main{max-width:360px;margin:80px auto}label,input,button{display:block;width:100%;margin:8px 0}</style>
</head><body><header><a href="/">Example Bank</a></header><main><h1>Sign in</h1>
<form><label>Email <input type="email" name="email" autocomplete="username"></label>
<label>Password <input type="password" name="password" autocomplete="current-password"></label>
<label><input type="checkbox" name="remember"> Keep me signed in</label><button type="submit">Sign in</button></form>
<p><a href="/forgot">Forgot your password?</a> · <a href="/join">Open an account</a></p>
<p>Never share your password. We will never ask for it by email or phone.</p></main>
<footer><p>© Example Bank. Privacy · Terms · Accessibility · Contact</p></footer></body></html>`;
}

const TOPICS = [
  'Installation',
  'Configuration',
  'Commands',
  'Plugins',
  'Caching',
  'Deployment',
  'Testing',
  'Upgrading',
];

/** A documentation page: navigation, headings, prose, code blocks and tables, no `<article>`. */
export function docsHtml(): string {
  const sections = TOPICS.map(
    (topic, i) => `<section id="s${i}"><h2>${topic}</h2>
<p>The ${topic.toLowerCase()} step reads its options from the project's configuration file. Each option has a default, so a new project needs none of them; set only the ones you want to change, and run the check command to see the result before you commit it.</p>
<pre><code>tool ${topic.toLowerCase()} --config ./tool.config.json --verbose
tool check --strict</code></pre>
<table><tr><th>Option</th><th>Default</th><th>What it does</th></tr>
<tr><td><code>cache</code></td><td>true</td><td>Keeps results between runs.</td></tr>
<tr><td><code>workers</code></td><td>4</td><td>How many files are processed at once.</td></tr></table>
<p>See the reference for every option, and the changelog for options added in recent releases.</p></section>`,
  ).join('\n');
  const nav = TOPICS.map((t, i) => `<li><a href="#s${i}">${t}</a></li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Guide · Tool documentation</title>
<meta property="og:type" content="website"></head><body><nav><ul>${nav}</ul></nav>
<main><h1>Guide</h1><p>This guide walks through a project from installation to deployment.</p>${sections}</main>
<footer><p>Released under the MIT licence. Edit this page on GitHub.</p></footer></body></html>`;
}
