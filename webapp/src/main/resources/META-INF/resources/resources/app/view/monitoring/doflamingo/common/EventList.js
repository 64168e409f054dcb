/**
 * A list of events (GET /monitoring/<area>/events), newest first: when, how bad, what, where,
 * before → after, details. Beside the Timeline's charts it holds the events of their range
 * (load(from, to)); a row picked fires 'pick' with the event, and highlight(timeMs) marks the row
 * nearest the shared cursor. In the Overview (live: true) it shows the last events of the area and
 * each new one as it is pushed (STOMP /topic/doflamingo/events) while running (start/stop).
 * Everything shown comes from the monitored systems and is encoded as text.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.EventList', {
    extend: 'Ext.grid.Panel',
    alias: 'widget.doflamingo-eventlist',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.common.Rest',
        'Flamingo2.view.monitoring.doflamingo.common.Live',
        'Flamingo2.view.monitoring.doflamingo.common.Messages',
        'Flamingo2.view.monitoring.doflamingo.common.Time',
        'Flamingo2.view.monitoring.doflamingo.common.EventMarkers'
    ],

    cls: 'doflamingo-eventlist',
    /** @cfg {String} area */
    area: null,
    cluster: null,
    /** @cfg {Boolean} live the Overview's recent events, followed by push */
    live: false,
    /** Rows of a range read (the server pages; the title says when there are more), and of the live list. */
    rangeLimit: 500,
    liveLimit: 20,
    destination: '/topic/doflamingo/events',
    groupLabels: {kafka: 'cluster', zookeeper: 'ensemble', flume: 'agent'},

    initComponent: function () {
        var me = this, Messages = Flamingo2.view.monitoring.doflamingo.common.Messages,
            Markers = Flamingo2.view.monitoring.doflamingo.common.EventMarkers,
            Time = Flamingo2.view.monitoring.doflamingo.common.Time;
        function text(v) { return Ext.String.htmlEncode(v === null || v === undefined ? '' : String(v)); }
        me.title = Messages.t(me.live ? 'doflamingo.events.recent' : 'doflamingo.events.title');
        me.store = Ext.create('Ext.data.Store', {
            fields: ['id', 'time', 'area', 'kind', 'severity', 'labels', 'before', 'after', 'message', 'count', 'members']
        });
        me.viewConfig = {
            emptyText: Ext.String.htmlEncode(Messages.t('doflamingo.events.none')),
            deferEmptyText: false,
            getRowClass: function (record) {
                return 'doflamingo-event-row doflamingo-event-' + String(record.get('severity')).toLowerCase()
                    + (record.get('id') === me.nearId ? ' doflamingo-event-near' : '');
            }
        };
        me.columns = [
            {text: Messages.t('doflamingo.events.time'), dataIndex: 'time', width: 185,
                renderer: function (v) { return text(Time.dateTime(v, true)); }},
            {text: Messages.t('doflamingo.events.severity'), dataIndex: 'severity', width: 90, renderer: text},
            {text: Messages.t('doflamingo.events.kind'), dataIndex: 'kind', width: 150, renderer: text},
            {text: Messages.t('doflamingo.events.entity'), dataIndex: 'labels', flex: 1,
                renderer: function (v, meta, record) { return text(Markers.entity(record.getData())); }},
            {text: Messages.t('doflamingo.events.change'), dataIndex: 'after', width: 170,
                renderer: function (v, meta, record) {
                    var d = record.getData(), change = Markers.change(d);
                    return text(change + (d.count > 1 ? ' (×' + d.count + ')' : ''));
                }},
            {text: Messages.t('doflamingo.events.message'), dataIndex: 'message', flex: 2,
                renderer: function (v, meta, record) {
                    // the whole event as the row's tooltip: qtips take markup, so it is encoded twice over
                    meta.tdAttr = 'data-qtip="' + Ext.String.htmlEncode(text(Markers.describe(record.getData()))) + '"';
                    return text(v);
                }}
        ];
        me.listeners = Ext.apply({
            select: function (selModel, record) { me.fireEvent('pick', me, record.getData()); }
        }, me.listeners);
        me.callParent(arguments);
    },

    setCluster: function (cluster) {
        this.cluster = cluster;
        if (this.live && this.running) this.reloadLive();
    },

    params: function (extra) {
        return Ext.apply(this.cluster ? {clusterName: this.cluster} : {}, extra);
    },

    /** The events of [from, to] (ms); resolves with them, newest first. */
    load: function (from, to) {
        var me = this, Messages = Flamingo2.view.monitoring.doflamingo.common.Messages;
        var generation = me.generation = (me.generation || 0) + 1;
        return Flamingo2.view.monitoring.doflamingo.common.Rest.get(me.area, 'events',
            me.params({from: Math.round(from), to: Math.round(to), limit: me.rangeLimit})).then(function (r) {
            if (generation !== me.generation || me.isDestroyed || me.destroyed) return [];
            me.store.loadData(r.list);
            me.setTitle(Ext.String.htmlEncode(r.total > r.list.length
                ? Messages.t('doflamingo.events.some', r.list.length, r.total) : Messages.t('doflamingo.events.count', r.total)));
            me.fireEvent('loaded', me, r.list);
            return r.list;
        })['catch'](function (e) {
            if (generation === me.generation && !me.isDestroyed && !me.destroyed) me.setTitle(Ext.String.htmlEncode(e.message));
            return [];
        });
    },

    /** Marks the row of the event nearest timeMs (the shared cursor), scrolling it into view. */
    highlight: function (timeMs) {
        var me = this, best = null, bestGap = Infinity;
        me.store.each(function (r) {
            var gap = Math.abs(r.get('time') - timeMs);
            if (gap < bestGap) {
                best = r;
                bestGap = gap;
            }
        });
        var id = best ? best.get('id') : null;
        if (id === me.nearId) return;
        var old = me.nearId && me.store.findRecord('id', me.nearId, 0, false, true, true);
        me.nearId = id;
        if (old) me.getView().refreshNode(old);
        if (best) {
            me.getView().refreshNode(best);
            me.reveal(best);
        }
    },

    /** Selects the event's row (a marker was clicked), without firing 'pick' back. */
    selectEvent: function (id) {
        var record = this.store.findRecord('id', id, 0, false, true, true);
        if (!record) return;
        this.getSelectionModel().select(record, false, true);
        this.reveal(record);
    },

    /**
     * Scrolls the list (only the list: not the Timeline around it, which would take the chart
     * being pointed at away) so that the record's row is in view.
     */
    reveal: function (record) {
        var node = this.getView().getNode(record), scroller = this.getView().getEl().dom;
        if (!node) return;
        var row = node.getBoundingClientRect(), box = scroller.getBoundingClientRect();
        if (row.top < box.top || row.bottom > box.bottom) {
            scroller.scrollTop += row.top - box.top - (box.height - row.height) / 2;
        }
    },

    // --- the Overview's live list ---

    start: function () {
        var me = this;
        if (!me.live || me.running) return;
        me.running = true;
        me.handle = Flamingo2.view.monitoring.doflamingo.common.Live.subscribe(me.destination, function (frame) {
            me.addPushed(frame.events || []);
        });
        me.reloadLive();
    },

    stop: function () {
        this.running = false;
        Flamingo2.view.monitoring.doflamingo.common.Live.unsubscribe(this.handle);
        this.handle = null;
    },

    reloadLive: function () {
        var me = this, generation = me.generation = (me.generation || 0) + 1;
        Flamingo2.view.monitoring.doflamingo.common.Rest.get(me.area, 'events', me.params({limit: me.liveLimit})).then(function (r) {
            if (generation !== me.generation || me.isDestroyed || me.destroyed) return;
            // what was pushed while the read was under way is newer: kept on top
            var seen = {};
            r.list.forEach(function (e) { seen[e.id] = true; });
            var pushed = me.store.getRange().map(function (rec) { return rec.getData(); }).filter(function (e) { return !seen[e.id]; });
            me.store.loadData(pushed.concat(r.list).slice(0, me.liveLimit));
        })['catch'](function (e) {
            if (!me.isDestroyed && !me.destroyed) me.setTitle(Ext.String.htmlEncode(e.message));
        });
    },

    /** Pushed events (oldest first in a frame): the area's (and Doflamingo's own) of the chosen cluster go on top. */
    addPushed: function (events) {
        var me = this, group = me.groupLabels[me.area];
        var mine = events.filter(function (e) {
            if (e.area === 'doflamingo') return true; // its own start and stop: about every cluster
            return e.area === me.area && (!me.cluster || !e.labels || e.labels[group] === undefined || e.labels[group] === me.cluster);
        });
        if (!mine.length || me.isDestroyed || me.destroyed) return;
        me.store.insert(0, mine.reverse());
        if (me.store.getCount() > me.liveLimit) me.store.removeAt(me.liveLimit, me.store.getCount() - me.liveLimit);
    },

    onDestroy: function () {
        this.stop();
        this.callParent(arguments);
    }
});
