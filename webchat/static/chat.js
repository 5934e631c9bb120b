// Starts the rasa-webchat widget with the settings the page carries as data- attributes
// (webchat/index.html). A separate file, not an inline script: the page's CSP allows scripts
// from this site only.
(function () {
  'use strict';
  var root = document.getElementById('webchat');
  // The UMD bundle (lib/index.js) exports rasa-webchat's selfMount(props, element) as `default`.
  var mount = window.WebChat && (window.WebChat.default || window.WebChat.selfMount);
  if (!root || typeof mount !== 'function') {
    return;
  }
  var data = root.dataset;
  mount({
    socketUrl: data.socketUrl,
    socketPath: '/socket.io/',
    // Arrives as message metadata (credentials.yml: metadata_key customData); the channel guard
    // uses it when a message is too short to tell its language ("ok", "PIN").
    customData: { language: data.lang },
    // Sent when the chat is first opened: starts the conversation (welcome and recording notice
    // in the page's language). The widget sends something in any case; a known intent is the
    // only thing the guard lets through as a command.
    initPayload: '/session_start',
    title: data.title,
    subtitle: data.subtitle,
    inputTextFieldHint: data.hint,
    connectingText: data.connecting,
    // The conversation lives in this tab's sessionStorage: it survives a reload and is gone when
    // the tab is closed. Never localStorage: customers type PINs and personal data here.
    params: { storage: 'session' },
    // No "rules" (rasa-webchat's page-visit triggers): they keep a history in localStorage.
    withRules: false,
    showFullScreenButton: true,
    displayUnreadCount: true
  }, root);
}());
