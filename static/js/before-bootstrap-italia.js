// Loaded before Bootstrap Italia's bundle. The bundle includes Video.js, which otherwise injects
// a <style> element at load time: blocked by the Content-Security-Policy (style-src 'self').
// Video players, if a page ever has one, get their styles from Bootstrap Italia's CSS.
window.VIDEOJS_NO_DYNAMIC_STYLE = true;
