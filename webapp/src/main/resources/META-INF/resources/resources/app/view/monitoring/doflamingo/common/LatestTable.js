/**
 * Latest values of several metrics, one row per member (a label value), for the drill-down tables
 * (ZooKeeper servers; Flume components): the series of each metric for the cluster, the last
 * minute of their history, the newest value of each. Refreshed every 5 s while shown.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.LatestTable', {
    singleton: true,
    requires: ['Flamingo2.view.monitoring.doflamingo.common.Rest'],

    /**
     * A Promise of rows {<by label>: value, <field>: latest value, labels: {...}}, in name order.
     * @param {Object} fields field name -> metric name
     */
    read: function (area, cluster, by, fields) {
        var Rest = Flamingo2.view.monitoring.doflamingo.common.Rest, names = Ext.Object.getKeys(fields);
        var params = cluster ? {clusterName: cluster} : {};
        return Promise.all(names.map(function (f) {
            return Rest.all(area, 'series', Ext.apply({metric: fields[f]}, params));
        })).then(function (lists) {
            var fieldOf = {}, ids = [];
            lists.forEach(function (list, i) {
                list.forEach(function (s) {
                    if (s.labels[by] === undefined) return;
                    fieldOf[s.id] = names[i];
                    ids.push(s.id);
                });
            });
            if (ids.length === 0) return [];
            var now = Date.now();
            return Rest.history(area, ids, now - 60000, now).then(function (histories) {
                var rows = {};
                histories.forEach(function (h) {
                    var member = h.labels[by], row = rows[member] || (rows[member] = {labels: h.labels});
                    row[by] = member;
                    var v = null;
                    for (var i = h.values.length - 1; i >= 0 && v === null; i--) v = h.values[i];
                    row[fieldOf[h.id]] = v;
                });
                return Ext.Object.getKeys(rows).sort().map(function (k) { return rows[k]; });
            });
        });
    }
});
