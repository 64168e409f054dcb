/**
 * What the Kafka drill-down tables (brokers, topics, partitions) share: their labels (from the
 * module's bundles, encoded, as column headers and empty texts are markup) and cell renderers that
 * show every value from a cluster as text.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.kafka.Tables', {
    singleton: true,
    requires: ['Flamingo2.view.monitoring.doflamingo.common.Messages'],

    /** The label doflamingo.kafka.<key>, as markup-safe text. */
    label: function (key) {
        return Ext.String.htmlEncode(Flamingo2.view.monitoring.doflamingo.common.Messages.t('doflamingo.kafka.' + key));
    },

    /** Any value as text; a dash where there is none. */
    text: function (v) {
        return Ext.String.htmlEncode(v === null || v === undefined ? '–' : String(v));
    },

    count: function (v) {
        return v === null || v === undefined ? '–' : Ext.util.Format.number(v, '0,000');
    },

    /**
     * A partition's replicas as broker ids in Kafka's order (the preferred leader first): the leader
     * in bold, a replica not in sync red and struck through, both said in the cell's tooltip; the
     * count alone where the ids are not known (not described since the monitor started).
     */
    replicaIds: function (v, meta, record) {
        var T = Flamingo2.view.monitoring.doflamingo.kafka.Tables, Messages = Flamingo2.view.monitoring.doflamingo.common.Messages,
            ids = record.get('replicaIds'), isr = record.get('isrIds') || [], leader = record.get('leader'), out = [], tip = [];
        if (!ids || !ids.length) return T.text(v);
        var outOfSync = ids.filter(function (id) { return isr.indexOf(id) < 0; });
        ids.forEach(function (id) {
            var cls = [];
            if (id === leader) cls.push('doflamingo-leader');
            if (outOfSync.indexOf(id) >= 0) cls.push('doflamingo-out-of-sync');
            out.push(cls.length ? '<span class="' + cls.join(' ') + '">' + T.text(id) + '</span>' : T.text(id));
        });
        if (leader !== -1 && leader !== null && leader !== undefined) tip.push(Messages.t('doflamingo.kafka.replicas.leader', leader));
        if (outOfSync.length) tip.push(Messages.t('doflamingo.kafka.replicas.outOfSync', outOfSync.join(', ')));
        if (meta) meta.tdAttr = 'data-qtip="' + Ext.String.htmlEncode(tip.map(Ext.String.htmlEncode).join('<br>')) + '"';
        return out.join(', ');
    },

    /** A partition's in-sync replicas as broker ids, red when fewer than its replicas; the count where the ids are not known. */
    isrIds: function (v, meta, record) {
        var T = Flamingo2.view.monitoring.doflamingo.kafka.Tables, ids = record.get('isrIds'), replicas = record.get('replicaIds');
        if (!ids) return T.text(v);
        var shown = ids.length ? ids.map(T.text).join(', ') : '–';
        return replicas && ids.length < replicas.length ? '<span class="doflamingo-red-text">' + shown + '</span>' : shown;
    },

    /** A count that is bad when above zero (under-replicated partitions). */
    alarmCount: function (v) {
        var shown = Flamingo2.view.monitoring.doflamingo.kafka.Tables.count(v);
        return v > 0 ? '<span class="doflamingo-red-text">' + shown + '</span>' : shown;
    },

    /**
     * The marker of a row the server sent as last known (its cluster's Admin API not answering, or behind):
     * a "stale" badge whose tooltip gives its age; nothing on a current row.
     */
    stale: function (record) {
        var T = Flamingo2.view.monitoring.doflamingo.kafka.Tables, age = record.get('ageMs'), seconds;
        if (record.get('stale') !== true) return '';
        seconds = Math.round((age || 0) / 1000);
        return ' <span class="doflamingo-stale" data-qtip="' + Ext.String.htmlEncode(Flamingo2.view.monitoring.doflamingo.common
            .Messages.t('doflamingo.kafka.stale', seconds < 120 ? seconds + ' s' : Math.round(seconds / 60) + ' min')) + '">&#9203;</span>';
    },

    /** A tile's reasons as text in the cell (all of them in its tooltip too, where the cell is too narrow). */
    reasons: function (v, meta) {
        var list = v || [];
        if (!list.length) return '';
        // QuickTips render their text as HTML: encoded once for the attribute, once for the tip
        meta.tdAttr = 'data-qtip="' + Ext.String.htmlEncode(list.map(Ext.String.htmlEncode).join('<br>')) + '"';
        return Ext.String.htmlEncode(list.join('; '));
    },

    /** A health state as its colour dot and its name in the user's language. */
    health: function (v) {
        var Messages = Flamingo2.view.monitoring.doflamingo.common.Messages, state = String(v || 'UNKNOWN');
        return '<span class="doflamingo-dot doflamingo-' + Ext.String.htmlEncode(state.toLowerCase()) + '"></span>'
            + Ext.String.htmlEncode(Messages.t('doflamingo.health.' + state));
    }
});
