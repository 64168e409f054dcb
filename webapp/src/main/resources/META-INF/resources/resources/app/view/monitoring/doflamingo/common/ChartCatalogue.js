/**
 * The charts each area's Overview and Timeline offer (the seed's "FUNC#1 Overview"): a metric of
 * docs/metrics.md, which of its series to draw and how to name each line (units come with the
 * series, from the catalogue). Series are per member
 * (broker, server, channel...) so that one misbehaving member stands out; per-topic and
 * per-partition series belong to the drill-down, not here.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.ChartCatalogue', {
    singleton: true,
    requires: ['Flamingo2.view.monitoring.doflamingo.common.Messages'],

    areas: {
        kafka: [
            {key: 'heap', metric: 'kafka.jvm.heap.used', by: 'broker'},
            {key: 'msgIn', metric: 'kafka.server.BrokerTopicMetrics.MessagesInPerSec', by: 'broker', without: 'topic'},
            {key: 'bytesIn', metric: 'kafka.server.BrokerTopicMetrics.BytesInPerSec', by: 'broker', without: 'topic'},
            {key: 'bytesOut', metric: 'kafka.server.BrokerTopicMetrics.BytesOutPerSec', by: 'broker', without: 'topic'},
            {key: 'produceTime', metric: 'kafka.network.RequestMetrics.TotalTimeMs.Produce', by: 'broker'},
            {key: 'fetchTime', metric: 'kafka.network.RequestMetrics.TotalTimeMs.FetchConsumer', by: 'broker'},
            {key: 'underReplicated', metric: 'kafka.server.ReplicaManager.UnderReplicatedPartitions', by: 'broker'},
            {key: 'fetchRate', metric: 'kafka.consumer.fetch-rate', by: 'client'},
            {key: 'consumed', metric: 'kafka.consumer.records-consumed-rate', by: 'client'},
            // 10,000 groups cannot all be lines: the groups lagging most when the chart opens, worst
            // first (worstGroups: the lag list's column they are ranked by)
            {key: 'maxLag', metric: 'kafka.consumer.group.max_lag', by: 'group', worstGroups: 'maxLag'},
            {key: 'lagSeconds', metric: 'kafka.consumer.group.max_lag_seconds', by: 'group', worstGroups: 'maxLagSeconds'},
            {key: 'cpu', metric: 'kafka.process.cpu', by: 'broker'},
            // the synthetic probe (when configured): which broker's partitions fail to take writes
            {key: 'probe', metric: 'kafka.probe.broker_produce_availability', by: 'broker'}
        ],
        zookeeper: [
            {key: 'avgLatency', metric: 'zookeeper.avg_latency', by: 'server'},
            {key: 'maxLatency', metric: 'zookeeper.max_latency', by: 'server'},
            {key: 'connections', metric: 'zookeeper.num_alive_connections', by: 'server'},
            {key: 'outstanding', metric: 'zookeeper.outstanding_requests', by: 'server'},
            {key: 'packetsIn', metric: 'zookeeper.packets_received', by: 'server'},
            {key: 'znodes', metric: 'zookeeper.znode_count', by: 'server'},
            {key: 'watches', metric: 'zookeeper.watch_count', by: 'server'},
            {key: 'heap', metric: 'zookeeper.jvm.heap.used', by: 'server'}
        ],
        flume: [
            {key: 'fill', metric: 'flume.channel.ChannelFillPercentage', by: 'component'},
            {key: 'size', metric: 'flume.channel.ChannelSize', by: 'component'},
            {key: 'put', metric: 'flume.channel.EventPutSuccessCount', by: 'component'},
            {key: 'take', metric: 'flume.channel.EventTakeSuccessCount', by: 'component'},
            {key: 'accepted', metric: 'flume.source.EventAcceptedCount', by: 'component'},
            {key: 'drained', metric: 'flume.sink.EventDrainSuccessCount', by: 'component'},
            {key: 'failed', metric: 'flume.sink.ConnectionFailedCount', by: 'component'},
            {key: 'heap', metric: 'flume.jvm.heap.used', by: 'agent'}
        ]
    },

    /** The area's charts, each with its title in the user's language. */
    of: function (area) {
        var Messages = Flamingo2.view.monitoring.doflamingo.common.Messages;
        return this.areas[area].map(function (def) {
            return Ext.apply({title: Messages.t('doflamingo.chart.' + area + '.' + def.key)}, def);
        });
    },

    /** Labels every line of a chart shares: not worth repeating in the legend. */
    shared: ['cluster', 'ensemble'],

    /** Members named by a bare number read as what they are ("broker 1", not "1"). */
    nouns: {broker: 'broker', partition: 'partition'},

    /** Yammer/Kafka timer statistics as an operator says them. */
    statistics: {
        Mean: 'mean', Min: 'min', Max: 'max', StdDev: 'std dev', Count: 'count',
        '50thPercentile': 'p50', '75thPercentile': 'p75', '95thPercentile': 'p95', '98thPercentile': 'p98',
        '99thPercentile': 'p99', '999thPercentile': 'p99.9', OneMinuteRate: '1-min rate', FiveMinuteRate: '5-min rate',
        FifteenMinuteRate: '15-min rate', MeanRate: 'mean rate'
    },

    /**
     * A line's name: the member first ("broker 1", a client's or group's name), then any other
     * label that tells two lines apart (a timer's statistic as p99 or mean, a Flume component's
     * agent, a client JVM's client-id), joined by " · "; the cluster is the page's, and a label
     * every line of the chart has alike ({@code same}, from sameLabels) is left out, the member's
     * too when another label tells the lines apart. A member with an empty name is named by its
     * label ("client (unnamed)") rather than drawn nameless.
     */
    label: function (def, labels, same) {
        var me = this, parts = [], omit = same || {};
        Ext.Object.each(labels, function (k, v) {
            if (k !== def.by && me.shared.indexOf(k) < 0 && !omit[k]) parts.push(me.part(k, v));
        });
        if (!omit[def.by] || parts.length === 0) parts.unshift(me.part(def.by, labels[def.by]));
        return parts.join(' · ');
    },

    /** The labels (key → true) all of these series (two or more) have with one value. */
    sameLabels: function (series) {
        var out = {};
        if (series.length < 2) return out;
        Ext.Object.each(series[0].labels, function (k, v) {
            out[k] = series.every(function (s) { return s.labels[k] === v; });
        });
        return out;
    },

    part: function (key, value) {
        var v = value === null || value === undefined ? '' : String(value);
        if (v === '') return key + ' (unnamed)';
        if (this.statistics[v]) return this.statistics[v];
        return this.nouns[key] && /^-?\d+$/.test(v) ? this.nouns[key] + ' ' + v : v;
    }
});
