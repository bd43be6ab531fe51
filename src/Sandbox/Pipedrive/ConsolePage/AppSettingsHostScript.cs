namespace PipedriveMaileon.Sandbox.Pipedrive.ConsolePage;

/// <summary>
/// The host half of the App Extensions SDK protocol, as Pipedrive's web app speaks it: the iframe posts
/// <c>{ id, payload: { type: 'command', command, args } }</c> to its parent with a <c>MessagePort</c> and gets
/// <c>{ data }</c> or <c>{ error }</c> back on that port; <c>type: 'listener'</c> registers a port for events
/// (<c>user_settings_change</c> answers <c>{ data: { theme } }</c>); <c>type: 'track'</c> needs no answer. Messages from
/// another window, origin or extension id are ignored. Everything received is kept in <c>window.sdkMessages</c> and
/// listed on the page, so tests can assert what the app sent. Shared by the settings host and the person panel host;
/// the host element's <c>data-min-height</c>/<c>data-max-height</c> bound resizing (a panel: 100–750 px) and
/// <c>data-surface</c> names the extension point in refusals.
/// </summary>
public static class AppSettingsHostScript
{
    public const string Source = """
        (function () {
          'use strict';
          // Loaded in <head>, so the listener below is in place before the parser reaches the iframe: Pipedrive's web
          // app listens before it shows an app, and the official SDK posts 'initialize' once and never again. Messages
          // are handled once the page is parsed, in the order they came.
          var parsed = new Promise(function (resolve) {
            if (document.readyState === 'loading') {
              document.addEventListener('DOMContentLoaded', function () { resolve(); });
            } else {
              resolve();
            }
          });
          var config, frame, log;
          var listeners = [];
          var theme = document.documentElement.getAttribute('data-theme');
          window.sdkMessages = [];

          function record(entry) {
            window.sdkMessages.push(entry);
            var item = document.createElement('li');
            item.textContent = JSON.stringify(entry);
            log.appendChild(item);
          }

          function setHeight(height) {
            if (typeof height === 'number' && height > 0) {
              var min = Number(config.minHeight || 100);
              var max = Number(config.maxHeight || 4000);
              frame.style.height = Math.max(min, Math.min(height, max)) + 'px';
            }
          }

          function snackbar(message) {
            var bar = document.getElementById('snackbar');
            bar.textContent = message;
            bar.hidden = false;
            clearTimeout(bar.timer);
            bar.timer = setTimeout(function () { bar.hidden = true; }, 6000);
          }

          function confirmation(args) {
            var dialog = document.getElementById('confirm');
            document.getElementById('confirm-title').textContent = args.title || '';
            document.getElementById('confirm-description').textContent = args.description || '';
            var ok = document.getElementById('confirm-ok');
            var cancel = document.getElementById('confirm-cancel');
            ok.textContent = args.okText || 'OK';
            cancel.textContent = args.cancelText || 'Cancel';
            ok.className = args.okColor || 'negative';
            dialog.hidden = false;
            return new Promise(function (resolve) {
              function close(answer) { dialog.hidden = true; ok.onclick = cancel.onclick = null; resolve(answer); }
              ok.onclick = function () { close(true); };
              cancel.onclick = function () { close(false); };
            });
          }

          async function run(command, args) {
            if (command !== 'initialize' && frame.getAttribute('data-initialized') !== 'true') {
              throw new Error('The custom UI extension is not initialized');
            }
            switch (command) {
              case 'initialize':
                frame.setAttribute('data-initialized', 'true');
                document.getElementById('loader').hidden = true;
                setHeight(args && args.size ? args.size.height : undefined);
                return undefined;
              case 'resize':
                setHeight(args.height);
                return undefined;
              case 'show_snackbar':
                snackbar(args.message);
                return undefined;
              case 'show_confirmation':
                return { confirmed: await confirmation(args) };
              case 'get_signed_token':
                var response = await fetch(config.tokenUrl, { method: 'POST' });
                return { token: (await response.json()).token };
              default:
                throw new Error('Command ' + command + ' is not available for ' + (config.surface || 'app settings'));
            }
          }

          window.addEventListener('message', async function (event) {
            await parsed;
            if (event.source !== frame.contentWindow) {
              return;
            }
            var message = event.data || {};
            var payload = message.payload || {};
            if (event.origin !== config.appOrigin || message.id !== config.extensionId) {
              record({ refused: true, origin: event.origin, id: message.id });
              return;
            }
            record({ type: payload.type, command: payload.command, event: payload.event, args: payload.args });
            var port = event.ports && event.ports[0];
            if (payload.type === 'listener' && port) {
              if (payload.event === 'user_settings_change') {
                listeners.push(port);
              }
              return;
            }
            if (payload.type !== 'command' || !port) {
              return;
            }
            try {
              port.postMessage({ data: await run(payload.command, payload.args || {}) });
            } catch (error) {
              port.postMessage({ error: error.message });
            }
          });

          parsed.then(function () {
            config = document.getElementById('host-config').dataset;
            frame = document.getElementById('app-frame');
            log = document.getElementById('sdk-log');
            document.getElementById('theme-toggle').addEventListener('click', function () {
              theme = theme === 'dark' ? 'light' : 'dark';
              document.documentElement.setAttribute('data-theme', theme);
              this.textContent = 'Switch to ' + (theme === 'dark' ? 'light' : 'dark') + ' theme';
              listeners.forEach(function (port) { port.postMessage({ data: { theme: theme } }); });
            });
          });
        })();
        """;

    /// <summary>What the script drives besides the iframe: the snackbar and the confirmation dialog.</summary>
    public const string HostElements = """
        <div id="snackbar" data-testid="host-snackbar" hidden></div>
        <div id="confirm" class="dialog" data-testid="host-confirm" role="dialog" hidden><div class="box"><h2 id="confirm-title"></h2><p id="confirm-description"></p>
          <p class="actions"><button type="button" id="confirm-cancel" data-testid="host-confirm-cancel">Cancel</button> <button type="button" id="confirm-ok" data-testid="host-confirm-ok">OK</button></p></div></div>
        """;

    /// <summary>The script's tag, for the host page's <c>&lt;head&gt;</c> (see <see cref="Source"/>): before the iframe, never after it.</summary>
    public const string HeadScript = """<script src="/pipedrive/apps/host.js"></script>""";

    public const string Style = """
        :root { --bg: #f5f5f7; --panel: #fff; --ink: #192435; --line: #e0e2e6; --rail: #192435; --accent: #017737; }
        [data-theme="dark"] { --bg: #101820; --panel: #18222c; --ink: #e4e8ec; --line: #2c3a47; --rail: #0b1117; --accent: #3fbf73; }
        body { margin: 0; font-family: system-ui, sans-serif; background: var(--bg); color: var(--ink); display: grid; grid-template-columns: 56px 1fr; grid-template-rows: 52px 1fr; min-height: 100vh; }
        .rail { grid-row: 1 / 3; background: var(--rail); display: flex; flex-direction: column; align-items: center; gap: 18px; padding-top: 12px; }
        .rail a, .rail span { color: #c8d0d8; text-decoration: none; font-size: 20px; } .rail .logo { background: var(--accent); color: #fff; border-radius: 8px; width: 32px; text-align: center; font-weight: 700; }
        .rail .active { color: #fff; }
        .top { background: var(--panel); border-bottom: 1px solid var(--line); display: flex; align-items: center; gap: 16px; padding: 0 20px; }
        .top .crumbs { flex: 1; } .top button { background: transparent; color: var(--ink); border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; }
        .surface { padding: 20px 28px; } .surface h1 { font-size: 20px; margin: 0 0 12px; }
        .frame-box { position: relative; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
        #app-frame { display: block; width: 100%; height: 640px; border: 0; border-radius: 8px; }
        #loader { position: absolute; inset: 0; display: grid; place-items: center; background: var(--panel); border-radius: 8px; }
        #loader[hidden] { display: none; }
        details { margin-top: 16px; font-size: 12px; } #sdk-log { font-family: monospace; }
        #snackbar { position: fixed; left: 50%; bottom: 24px; transform: translateX(-50%); background: #192435; color: #fff; padding: 12px 20px; border-radius: 6px; }
        .dialog { position: fixed; inset: 0; background: rgba(0,0,0,.45); display: grid; place-items: center; } .dialog[hidden] { display: none; }
        .dialog .box { background: var(--panel); color: var(--ink); padding: 20px 24px; border-radius: 8px; max-width: 420px; }
        .dialog .actions { text-align: right; } .dialog button { padding: 6px 14px; border-radius: 6px; border: 1px solid var(--line); background: var(--panel); color: var(--ink); }
        .dialog button.negative { background: #c4322b; color: #fff; } .dialog button.primary { background: var(--accent); color: #fff; }
        """;
}
