/**
 * One STOMP-over-SockJS connection for all Doflamingo pages, with the SockJS and Stomp the host
 * page loads (Flamingo's main.jsp; index.html in the standalone server). Views subscribe per
 * destination while they are visible; a destination is subscribed on the broker once however
 * many views watch it, and everything is subscribed again after a reconnect. A lost connection
 * is retried with exponential backoff (1 s doubling to 30 s, with jitter so that many browsers do
 * not come back in step after a server restart).
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.Live', {
    extend: 'Ext.util.Observable',
    singleton: true,

    /** Flamingo's SockJS endpoint; CONSTANTS.SYSTEM.WEBSOCKET in Flamingo's rest.js names it too. */
    url: '/websocket',
    minDelay: 1000,
    maxDelay: 30000,

    constructor: function () {
        this.callParent(arguments);
        this.watches = {};      // destination -> {handlers: [], subscription: STOMP subscription or null}
        this.client = null;
        this.connected = false;
        this.delay = this.minDelay;
        this.retry = null;
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
        var me = this;
        var url = (window.CONSTANTS && CONSTANTS.SYSTEM && CONSTANTS.SYSTEM.WEBSOCKET) || me.url;
        var client = Stomp.over(new SockJS(url));
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
            if (!me.client && Ext.Object.getKeys(me.watches).length > 0) me.connect();
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
