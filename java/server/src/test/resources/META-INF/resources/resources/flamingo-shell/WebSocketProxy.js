/*
 * Flamingo 2's WebSocketProxy as the pages meet it (our own code with the behaviour of Flamingo's
 * Ext.ux.data.WebSocket and WebSocketProxyController): one SockJS connection on /websocket whose
 * STOMP client is getProtocol(), subscribed to Flamingo's per-user topics and its broadcast alarm;
 * events 'connected', 'connectionLost' and 'reconnected'; after a lost connection up to 3 attempts
 * 3 s apart. Flamingo's reconnect calls connect again on the same STOMP client; this one opens a new
 * SockJS and STOMP client, so getProtocol() names a new object afterwards (the pages take it anew).
 * Counts its SockJS connections and keeps what its subscriptions received, for the test.
 */
Ext.define('FlamingoShell.WebSocketProxy', {
    mixins: ['Ext.mixin.Observable'],

    url: '/websocket',
    subscribes: ['/user/topic/hive', '/user/topic/pig', '/user/topic/hawqPid', '/user/topic/hawqQuery',
        '/user/topic/hawqMessage', '/user/topic/workflow', '/user/topic/workflowLog', '/user/topic/tajo', '/topic/alarm'],
    attempts: 3,
    attemptDelay: 3000,

    constructor: function (config) {
        this.mixins.observable.constructor.call(this, config);
        this.socket = null;
        this.protocol = null;
        this.messages = [];
        this.connections = 0;
        this.reconnects = 0;
    },

    connect: function () {
        this.open(false, 0);
        this.fireEvent('connected', this);
        return this;
    },

    open: function (again, attempt) {
        var me = this;
        me.connections++;
        me.socket = new SockJS(me.url);
        me.protocol = Stomp.over(me.socket);
        me.protocol.debug = null;
        var protocol = me.protocol;
        protocol.connect({}, function () {
            me.subscribes.forEach(function (destination) {
                protocol.subscribe(destination, function (message) {
                    me.messages.push({destination: message.headers.destination, body: message.body});
                });
            });
            if (again) {
                me.reconnects++;
                me.fireEvent('reconnected', me);
            }
        }, function () {
            if (me.protocol !== protocol) return;
            me.fireEvent('connectionLost', me);
            if (attempt < me.attempts) {
                setTimeout(function () { if (me.protocol === protocol) me.open(true, attempt + 1); }, me.attemptDelay);
            }
        });
    },

    getProtocol: function () {
        return this.protocol;
    },

    getSocket: function () {
        return this.socket;
    },

    getConnected: function () {
        return !!this.protocol && this.protocol.connected;
    }
});
