// The pages inside Flamingo keep Flamingo's one WebSocket connection, in a real browser:
//   node webapp/test/flamingo-socket.test.mjs http://127.0.0.1:PORT/
// against the stand-in host with the module, the pages and its test beans (java/server PagesIT):
// /flamingo-shell.html plays Flamingo's main page (the global WEBSOCKET, subscribed to Flamingo's
// /user/topic/* destinations), /monitoring/test/tellMe sends the session's user a message on its
// websocketKey as Flamingo's Hive editor does. Checks: a user message reaches Flamingo's
// connection before and after a Doflamingo page opens and after Flamingo's connection is lost and
// reconnected; the page's charts get pushed points through that connection, again after the
// reconnect; the page never opens a SockJS connection of its own. Exit code 0 when all pass.
import { check, finish, launch } from './checks.mjs';

const url = process.argv[2];
if (!url) {
  console.error('usage: node flamingo-socket.test.mjs <server url>');
  process.exit(2);
}

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => check(false, 'no page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') check(false, 'no console error: ' + m.text()); });
  // every SockJS connection the page opens, whoever opens it: the /info request starts each one
  let sockjsOpened = 0;
  page.on('request', (r) => { if (/\/websocket\/info(\?|$)/.test(new URL(r.url()).pathname + '?')) sockjsOpened++; });

  await page.goto(url + 'flamingo-shell.html?lang=en');
  const connected = await page.waitForFunction(() => window.WEBSOCKET && WEBSOCKET.getConnected(), null, { timeout: 30000 })
    .then(() => true).catch(() => false);
  check(connected, "Flamingo's WEBSOCKET connects");

  // A user message, sent to the session's websocketKey, arrives on Flamingo's /user/topic/hive.
  async function userMessageArrives(text) {
    for (let attempt = 0; attempt < 20; attempt++) {
      await page.evaluate((t) => fetch('monitoring/test/tellMe?text=' + t, { method: 'POST' }), text);
      const got = await page.waitForFunction((t) => WEBSOCKET.messages.some((m) => m.body === t
        && m.destination.indexOf('/user/topic/hive') === 0), text, { timeout: 500 }).then(() => true).catch(() => false);
      if (got) return true;
    }
    return false;
  }
  check(await userMessageArrives('before'), "a user message reaches Flamingo's connection");

  const opened = Date.now();
  await page.evaluate(() => FLAMINGO.open('monitoring.doflamingo.kafka.Kafka'));
  // a point stamped more than a step (2 s) after t was collected after t: it came by push, not in the history read at t
  async function pointAfter(t) {
    return page.waitForFunction((since) => Ext.ComponentQuery.query('doflamingo-livechart')
      .some((c) => c.lastPointMs && c.lastPointMs > since + 2000), t, { timeout: 30000 }).then(() => true).catch(() => false);
  }
  check(await pointAfter(opened), "the Kafka page's charts get pushed points through Flamingo's connection");
  check(await userMessageArrives('after-open'), 'a user message still reaches Flamingo\'s connection with the page open');
  check(sockjsOpened === 1, 'one SockJS connection in the page (' + sockjsOpened + ')');

  // Flamingo's connection drops and comes back: the page follows it, the key follows Flamingo's.
  await page.evaluate(() => WEBSOCKET.getSocket().close());
  const reconnected = await page.waitForFunction(() => WEBSOCKET.reconnects > 0 && WEBSOCKET.getConnected(), null,
    { timeout: 30000 }).then(() => true).catch(() => false);
  check(reconnected, "Flamingo's WEBSOCKET reconnects");
  check(await pointAfter(Date.now()), "the charts get pushed points again after Flamingo's reconnect");
  check(await userMessageArrives('after-reconnect'), "a user message reaches Flamingo's connection after its reconnect");
  check(sockjsOpened === 2, "SockJS connections: Flamingo's two, none of the page's (" + sockjsOpened + ')');
} finally {
  await browser.close();
}

finish();
