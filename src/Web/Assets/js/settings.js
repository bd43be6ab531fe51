// The settings pages' behaviour, inside Pipedrive's app-settings iframe and standalone: Pipedrive's App Extensions
// SDK (initialise, theme, resize, snackbar, confirmation dialog) and live progress. Served from our own origin; no
// inline script anywhere, so the Content-Security-Policy needs no 'unsafe-inline'.
(function () {
  'use strict';

  var root = document.documentElement;
  var extensionId = root.getAttribute('data-extension-id');
  var sdkReady = startSdk();

  function ticket() {
    var meta = document.querySelector('meta[name="pm-session"]');
    return meta ? meta.getAttribute('content') : '';
  }

  function contentHeight() {
    var main = document.querySelector('main');
    return Math.ceil((main ? main.getBoundingClientRect().bottom + window.scrollY : document.body.scrollHeight) + 24);
  }

  // Inside Pipedrive the page must initialise the SDK, or Pipedrive does not show it.
  async function startSdk() {
    if (!extensionId || window.parent === window || typeof window.AppExtensionsSDK !== 'function') {
      return null;
    }

    var Sdk = window.AppExtensionsSDK;
    try {
      var sdk = new Sdk({ identifier: extensionId });
      if (new URLSearchParams(window.location.search).has('theme')) {
        root.setAttribute('data-theme', sdk.userSettings.theme);
      }

      await sdk.initialize({ size: { height: contentHeight() } });
      sdk.listen(Sdk.Event.USER_SETTINGS_CHANGE, function (event) {
        var settings = event && event.data ? event.data : event;
        if (settings && (settings.theme === 'dark' || settings.theme === 'light')) {
          root.setAttribute('data-theme', settings.theme);
        }
      });
      followHeight(sdk, Sdk);
      document.querySelectorAll('[data-snackbar]').forEach(function (element) {
        sdk.execute(Sdk.Command.SHOW_SNACKBAR, { message: element.textContent.trim() });
      });
      return sdk;
    } catch (error) {
      console.warn('Pipedrive App Extensions SDK unavailable:', error);
      return null;
    }
  }

  function followHeight(sdk, Sdk) {
    var last = 0;
    var pending = null;
    var observer = new ResizeObserver(function () {
      clearTimeout(pending);
      pending = setTimeout(function () {
        var height = contentHeight();
        if (Math.abs(height - last) > 4) {
          last = height;
          sdk.execute(Sdk.Command.RESIZE, { height: height }).catch(function () { /* the host may refuse a size */ });
        }
      }, 100);
    });
    observer.observe(document.body);
  }

  // Forms marked data-confirm ask first: with Pipedrive's own dialog inside Pipedrive, the browser's standalone.
  document.addEventListener('submit', async function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-confirm') || form.hasAttribute('data-confirmed')) {
      return;
    }

    event.preventDefault();
    var sdk = await sdkReady;
    var confirmed;
    if (sdk) {
      var answer = await sdk.execute(window.AppExtensionsSDK.Command.SHOW_CONFIRMATION, {
        title: form.getAttribute('data-confirm'),
        description: form.getAttribute('data-confirm-description') || undefined,
        okText: form.getAttribute('data-confirm-ok') || 'OK',
        cancelText: 'Cancel',
        okColor: window.AppExtensionsSDK.Color.NEGATIVE,
      });
      confirmed = !!(answer && answer.confirmed);
    } else {
      confirmed = window.confirm(form.getAttribute('data-confirm'));
    }

    if (confirmed) {
      form.setAttribute('data-confirmed', '');
      form.submit();
    }
  });

  // Live progress: a panel marked data-running is fetched again (with the session ticket) until it says it is done.
  function poll(panel) {
    if (panel.getAttribute('data-running') !== 'true') {
      return;
    }

    setTimeout(async function () {
      try {
        var response = await fetch(panel.getAttribute('data-poll-url'), {
          headers: { 'X-PM-Session': ticket() },
          credentials: 'same-origin',
        });
        if (!response.ok) {
          panel.setAttribute('data-poll-stopped', String(response.status));
          return;
        }

        var next = new DOMParser().parseFromString(await response.text(), 'text/html').body.firstElementChild;
        if (!next) {
          return;
        }

        var fresh = document.importNode(next, true);
        panel.replaceWith(fresh);
        poll(fresh);
      } catch (error) {
        poll(panel);
      }
    }, 1500);
  }

  document.querySelectorAll('[data-poll-url]').forEach(poll);
})();
