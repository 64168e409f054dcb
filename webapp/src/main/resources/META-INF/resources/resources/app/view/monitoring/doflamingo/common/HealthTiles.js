/**
 * Health tiles of one area: cluster / broker / client / consumer group, ZooKeeper ensemble and
 * server, Flume agent; green, amber or red from the catalogue's rules (GET /monitoring/<area>/health),
 * the reasons in the tooltip. Kafka's controller broker is marked (ActiveControllerCount = 1) and
 * ZooKeeper servers show their role (server_state). Reloaded when the server pushes target states
 * (/topic/doflamingo/targets), at most every 2 s; a click asks for the Timeline ('jump').
 * Every name is text: topic, group and agent names come from the monitored systems.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.HealthTiles', {
    extend: 'Ext.view.View',
    alias: 'widget.doflamingo-healthtiles',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.common.Messages',
        'Flamingo2.view.monitoring.doflamingo.common.Rest',
        'Flamingo2.view.monitoring.doflamingo.common.Live'
    ],

    cls: 'doflamingo-tiles',
    /** @cfg {String} area */
    area: null,
    cluster: null,
    itemSelector: 'div.doflamingo-tile',
    scrollable: 'y',
    maxHeight: 220,
    tpl: [
        '<tpl for=".">',
        '<div class="doflamingo-tile doflamingo-{health:lowercase}" data-qtip="{qtip}">',
        '<div class="doflamingo-tile-kind">{kind:htmlEncode}{badge:htmlEncode}</div>',
        '<div class="doflamingo-tile-name">{name:htmlEncode}</div>',
        '<div class="doflamingo-tile-group">{group:htmlEncode}</div>',
        '</div>',
        '</tpl>'
    ],

    initComponent: function () {
        this.emptyText = '<div class="doflamingo-tiles-empty">' + Ext.String.htmlEncode(Flamingo2.view.monitoring.doflamingo.common.Messages.t('doflamingo.tiles.empty')) + '</div>';
        this.store = Ext.create('Ext.data.Store', {
            fields: ['group', 'kind', 'name', 'health', 'reasons', 'badge']
        });
        this.callParent(arguments);
        this.on('itemclick', function (view, record) {
            this.fireEvent('jump', this, Date.now(), record.getData());
        }, this);
    },

    /** Tooltip: the reasons, each HTML-encoded (QuickTips render HTML), then encoded for the attribute. */
    prepareData: function (data) {
        // the state in the words the grids use (green, amber, red: the tile's colour)
        var lines = [data.group + ' / ' + data.kind + ' ' + data.name + ': '
            + Flamingo2.view.monitoring.doflamingo.common.Messages.t('doflamingo.health.' + (data.health || 'UNKNOWN'))];
        lines = lines.concat(data.reasons && data.reasons.length ? data.reasons : []);
        var out = Ext.apply({}, data);
        out.badge = data.badge ? ' · ' + data.badge : '';
        out.qtip = Ext.String.htmlEncode(lines.map(Ext.String.htmlEncode).join('<br>'));
        return out;
    },

    start: function () {
        var me = this;
        if (me.handle) return;
        me.handle = Flamingo2.view.monitoring.doflamingo.common.Live.subscribe('/topic/doflamingo/targets', function () {
            if (!me.reloadTimer) {
                me.reloadTimer = setTimeout(function () {
                    me.reloadTimer = null;
                    me.reload();
                }, 2000);
            }
        });
        me.reload();
    },

    stop: function () {
        Flamingo2.view.monitoring.doflamingo.common.Live.unsubscribe(this.handle);
        this.handle = null;
        clearTimeout(this.reloadTimer);
        this.reloadTimer = null;
    },

    setCluster: function (cluster) {
        this.cluster = cluster;
        if (this.handle) this.reload();
    },

    reload: function () {
        var me = this, Rest = Flamingo2.view.monitoring.doflamingo.common.Rest;
        var params = me.cluster ? {clusterName: me.cluster} : {};
        Promise.all([Rest.get(me.area, 'health', params), me.badges(params)]).then(function (answers) {
            if (me.isDestroyed || me.destroyed) return;
            // a cluster's consumer groups come as one tile (counts, the worst named), however many there are
            var badges = answers[1], tiles = answers[0].list;
            tiles.forEach(function (t) {
                t.badge = badges[t.group + '\u0000' + t.name] || '';
            });
            me.getStore().loadData(tiles);
        })['catch'](function (e) {
            if (!(me.isDestroyed || me.destroyed)) {
                me.getStore().loadData([{group: '', kind: 'error', name: e.message, health: 'UNKNOWN', reasons: []}]);
            }
        });
    },

    /** Marks per tile (group + name): Kafka's controller, ZooKeeper's roles; latest values. */
    badges: function (params) {
        var Rest = Flamingo2.view.monitoring.doflamingo.common.Rest, area = this.area;
        var metric = area === 'kafka' ? 'kafka.controller.KafkaController.ActiveControllerCount'
            : area === 'zookeeper' ? 'zookeeper.server_state' : null;
        if (!metric) return Promise.resolve({});
        var member = area === 'kafka' ? 'broker' : 'server', group = area === 'kafka' ? 'cluster' : 'ensemble';
        var roles = ['standalone', 'follower', 'leader', 'observer'];
        return Rest.all(area, 'series', Ext.apply({metric: metric}, params)).then(function (series) {
            if (series.length === 0) return [];
            var now = Date.now();
            return Rest.history(area, series.map(function (s) { return s.id; }), now - 30000, now);
        }).then(function (histories) {
            var out = {};
            histories.forEach(function (h) {
                var v = null;
                for (var i = h.values.length - 1; i >= 0 && v === null; i--) v = h.values[i];
                if (v === null) return;
                var key = h.labels[group] + '\u0000' + h.labels[member];
                if (area === 'kafka') { if (v >= 1) out[key] = 'controller'; }
                else out[key] = roles[v] || 'state ' + v;
            });
            return out;
        });
    },

    onDestroy: function () {
        this.stop();
        this.callParent(arguments);
    }
});
