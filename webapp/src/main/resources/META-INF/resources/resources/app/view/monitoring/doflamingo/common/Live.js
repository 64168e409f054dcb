/**
 * One STOMP-over-SockJS connection for all Doflamingo pages. Inside Flamingo 2 that is Flamingo's
 * own: its main.jsp declares the global WEBSOCKET (set by its MainAppController to a
 * WebSocketProxy), whose SockJS handshake Flamingo records as the user's websocketKey, the address
 * of the user's Hive, Pig, HAWQ, Tajo and workflow-log messages. A second connection would take
 * that key over on every (re)connect and those messages would go where nobody listens, so the
 * pages subscribe through WEBSOCKET's STOMP client and never open one; after Flamingo reconnects
 * ('reconnected', or its client found connected again) they subscribe again. Only the standalone
 * page, which declares no WEBSOCKET, gets a connection of its own, with the SockJS and Stomp its
 * index.html loads. Views subscribe per destination while they are visible; a destination is
 * subscribed on the broker once however many views watch it, and everything is subscribed again
 * after a reconnect. The own connection is retried with exponential backoff (1 s doubling to 30 s,
 * with jitter so that many browsers do not come back in step after a server restart).
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.Live', {
    extend: 'Ext.util.Observable',
    singleton: true,

    /** Flamingo's SockJS endpoint; CONSTANTS.SYSTEM.WEBSOCKET in Flamingo's rest.js names it too. */
    url: '/websocket',
    minDelay: 1000,
    maxDelay: 30000,
    /** How often Flamingo's connection is looked at while it is not (yet) up. */
    flamingoPoll: 500,
    /** this.client while waiting for Flamingo's connection: not null, so subscribe() does not connect twice. */
    flamingoPending: {},

    constructor: function () {
        this.callParent(arguments);
        this.watches = {};      // destination -> {handlers: [], subscription: STOMP subscription or null}
        this.client = null;
        this.connected = false;
        this.delay = this.minDelay;
        this.retry = null;
        this.listening = null;     // the Flamingo WEBSOCKET whose events we follow
    },

    /**
     * Calls fn(frame body as an object) for each message on destination; returns a handle for
     * unsubscribe. Connects on first use.
     */
    subscribe: function (destination, fn, scope) {
        var me = this, watch = me.watches[destination];
        if (!watch) {
            watch = me.watches[destination] = {handlers: [], subscription: null};
        }
        var handle = {destination: destination, fn: fn, scope: scope};
        watch.handlers.push(handle);
        if (me.connected && !watch.subscription) me.brokerSubscribe(destination, watch);
        else if (!me.client) me.connect();
        return handle;
    },

    unsubscribe: function (handle) {
        var watch = handle && this.watches[handle.destination];
        if (!watch) return;
        Ext.Array.remove(watch.handlers, handle);
        if (watch.handlers.length === 0) {
            if (watch.subscription && this.connected) watch.subscription.unsubscribe();
            delete this.watches[handle.destination];
        }
    },

    /** Where a metric's live points arrive; the server pushes only names of [A-Za-z0-9_.-]. */
    metricDestination: function (metric) {
        return '/topic/doflamingo/metric/' + metric;
    },

    connect: function () {
        if ('WEBSOCKET' in window) this.joinFlamingo();
        else this.open();
    },

    /** Flamingo's connection once it is up: WEBSOCKET is set after Flamingo's main view renders, and connects later. */
    joinFlamingo: function () {
        var me = this, socket = window.WEBSOCKET;
        var client = socket && socket.getProtocol && socket.getProtocol();
        if (!client || !client.connected) {
            me.client = me.flamingoPending;
            me.connected = false;
            if (!me.retry) {
                me.retry = setTimeout(function () {
                    me.retry = null;
                    if (Ext.Object.getKeys(me.watches).length > 0) me.joinFlamingo();
                    else me.client = null;
                }, me.flamingoPoll);
            }
            return;
        }
        if (me.connected && me.client === client) return;
        if (me.listening !== socket) {
            socket.on('connectionLost', me.flamingoLost, me);
            socket.on('reconnected', me.joinFlamingo, me);
            me.listening = socket;
        }
        me.client = client;
        me.connected = true;
        Ext.Object.each(me.watches, function (destination, watch) {
            me.brokerSubscribe(destination, watch);
        });
        me.fireEvent('connected', me);
    },

    /** Flamingo reconnects by itself; until it has, nothing is subscribed. */
    flamingoLost: function () {
        var me = this;
        if (!me.connected) return;
        me.connected = false;
        Ext.Object.each(me.watches, function (destination, watch) { watch.subscription = null; });
        me.fireEvent('disconnected', me);
        me.joinFlamingo();
    },

    /** The standalone page's own connection. */
    open: function () {
        var me = this;
        var url = (window.CONSTANTS && CONSTANTS.SYSTEM && CONSTANTS.SYSTEM.WEBSOCKET) || me.url;
        var client = Stomp.over(me.sockJs(url));
        client.debug = null;               // stomp.js logs every frame otherwise
        client.heartbeat.outgoing = 0;     // the host's simple broker runs without heart-beats
        client.heartbeat.incoming = 0;
        me.client = client;
        client.connect({}, function () {
            if (me.client !== client) return;
            me.connected = true;
            me.delay = me.minDelay;
            Ext.Object.each(me.watches, function (destination, watch) {
                me.brokerSubscribe(destination, watch);
            });
            me.fireEvent('connected', me);
        }, function () {
            // stomp.js calls this on an ERROR frame and when the socket closes
            if (me.client !== client) return;
            me.lost();
        });
    },

    /**
     * A SockJS connection that closes the transports it gives up on. SockJS 1.0.0 (Flamingo 2's)
     * waits about twice the /info round trip (0.6 s on loopback) for a transport to open, then
     * falls back to the next one (xhr-streaming), but leaves the one that was too slow open with
     * nothing listening: the server holds a session that never sends a frame until Spring closes
     * it a minute or two later with "No messages received after … ms. Closing
     * WebSocketServerSockJsSession", an ERROR in the host's log. On a busy machine the WebSocket
     * misses that deadline often. Here the abandoned transport is closed at once (this instance
     * only: Flamingo's own connection is Flamingo's).
     */
    sockJs: function (url) {
        var sock = new SockJS(url), giveUp = sock._transportTimeout;
        // _connect binds _transportTimeout after /info answers, so an own property set now is the one it uses
        if (typeof giveUp === 'function') {
            sock._transportTimeout = function () {
                var abandoned = this._transport;
                giveUp.apply(this, arguments);
                if (abandoned && abandoned !== this._transport && abandoned.close) abandoned.close();
            };
        }
        return sock;
    },

    lost: function () {
        var me = this;
        me.connected = false;
        me.client = null;
        Ext.Object.each(me.watches, function (destination, watch) { watch.subscription = null; });
        me.fireEvent('disconnected', me);
        if (me.retry) return;
        var wait = me.delay * (0.75 + Math.random() * 0.5);
        me.delay = Math.min(me.maxDelay, me.delay * 2);
        me.retry = setTimeout(function () {
            me.retry = null;
            if (!me.client && Ext.Object.getKeys(me.watches).length > 0) me.open();
        }, wait);
    },

    brokerSubscribe: function (destination, watch) {
        watch.subscription = this.client.subscribe(destination, function (message) {
            var body = JSON.parse(message.body);
            // a copy: a handler may unsubscribe while we iterate
            Ext.Array.each(watch.handlers.slice(), function (h) {
                h.fn.call(h.scope, body);
            });
        });
    }
});
