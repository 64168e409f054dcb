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

    /** A count that is bad when above zero (under-replicated partitions). */
    alarmCount: function (v) {
        var shown = Flamingo2.view.monitoring.doflamingo.kafka.Tables.count(v);
        return v > 0 ? '<span class="doflamingo-red-text">' + shown + '</span>' : shown;
    },

    /**
     * The marker of a row the server sent as last known (its cluster's Admin API not answering):
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
