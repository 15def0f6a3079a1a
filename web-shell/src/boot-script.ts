/**
 * The boot script every app's index.html loads first (boot.js), outside the app bundle: it registers the service worker
 * (so the next start works without the hub even if this one's app fails) and reloads the page if the app has not
 * said it started (`markAppStarted`) within `seconds` — a blank hall screen heals itself. Plain ES5: it must run
 * on whatever browser a kiosk or LED sender has.
 */
export function bootScript(base: string, seconds: number): string {
  const b = JSON.stringify(base);
  return `(function(){var w=window;
if('serviceWorker' in navigator){navigator.serviceWorker.register(${b}+'sw.js',{scope:${b},updateViaCache:'none'}).catch(function(){});}
var t=setTimeout(function(){if(!w.__hallAppStarted)location.reload();},${Math.round(seconds * 1000)});
w.__hallBootWatchdog=function(){w.__hallAppStarted=true;clearTimeout(t);document.documentElement.setAttribute('data-app','started');};
})();`;
}
