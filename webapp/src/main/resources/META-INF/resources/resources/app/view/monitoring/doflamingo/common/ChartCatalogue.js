/**
 * The charts each area's Overview and Timeline offer (the seed's "FUNC#1 Overview"): a metric of
 * docs/metrics.md, which of its series to draw and how to name each line. Series are per member
 * (broker, server, channel...) so that one misbehaving member stands out; per-topic and
 * per-partition series belong to the drill-down, not here.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.ChartCatalogue', {
    singleton: true,
    requires: ['Flamingo2.view.monitoring.doflamingo.common.Messages'],

    areas: {
        kafka: [
            {key: 'heap', metric: 'kafka.jvm.heap.used', unit: 'bytes', by: 'broker'},
            {key: 'msgIn', metric: 'kafka.server.BrokerTopicMetrics.MessagesInPerSec', unit: 'messages/s', by: 'broker', without: 'topic'},
            {key: 'bytesIn', metric: 'kafka.server.BrokerTopicMetrics.BytesInPerSec', unit: 'bytes/s', by: 'broker', without: 'topic'},
            {key: 'bytesOut', metric: 'kafka.server.BrokerTopicMetrics.BytesOutPerSec', unit: 'bytes/s', by: 'broker', without: 'topic'},
            {key: 'produceTime', metric: 'kafka.network.RequestMetrics.TotalTimeMs.Produce', unit: 'ms', by: 'broker'},
            {key: 'fetchTime', metric: 'kafka.network.RequestMetrics.TotalTimeMs.FetchConsumer', unit: 'ms', by: 'broker'},
            {key: 'underReplicated', metric: 'kafka.server.ReplicaManager.UnderReplicatedPartitions', unit: 'partitions', by: 'broker'},
            {key: 'fetchRate', metric: 'kafka.consumer.fetch-rate', unit: 'fetches/s', by: 'client'},
            {key: 'consumed', metric: 'kafka.consumer.records-consumed-rate', unit: 'records/s', by: 'client'},
            // 10,000 groups cannot all be lines: the groups lagging most when the chart opens
            {key: 'maxLag', metric: 'kafka.consumer.group.max_lag', unit: 'messages', by: 'group', worstGroups: true},
            {key: 'lagSeconds', metric: 'kafka.consumer.group.max_lag_seconds', unit: 's', by: 'group', worstGroups: true},
            {key: 'cpu', metric: 'kafka.process.cpu', unit: 'ratio', by: 'broker'},
            // the synthetic probe (when configured): which broker's partitions fail to take writes
            {key: 'probe', metric: 'kafka.probe.broker_produce_availability', unit: 'ratio', by: 'broker'}
        ],
        zookeeper: [
            {key: 'avgLatency', metric: 'zookeeper.avg_latency', unit: 'ms', by: 'server'},
            {key: 'maxLatency', metric: 'zookeeper.max_latency', unit: 'ms', by: 'server'},
            {key: 'connections', metric: 'zookeeper.num_alive_connections', unit: 'connections', by: 'server'},
            {key: 'outstanding', metric: 'zookeeper.outstanding_requests', unit: 'requests', by: 'server'},
            {key: 'packetsIn', metric: 'zookeeper.packets_received', unit: 'packets/s', by: 'server'},
            {key: 'znodes', metric: 'zookeeper.znode_count', unit: 'znodes', by: 'server'},
            {key: 'watches', metric: 'zookeeper.watch_count', unit: 'watches', by: 'server'},
            {key: 'heap', metric: 'zookeeper.jvm.heap.used', unit: 'bytes', by: 'server'}
        ],
        flume: [
            {key: 'fill', metric: 'flume.channel.ChannelFillPercentage', unit: 'percent', by: 'component'},
            {key: 'size', metric: 'flume.channel.ChannelSize', unit: 'events', by: 'component'},
            {key: 'put', metric: 'flume.channel.EventPutSuccessCount', unit: 'events/s', by: 'component'},
            {key: 'take', metric: 'flume.channel.EventTakeSuccessCount', unit: 'events/s', by: 'component'},
            {key: 'accepted', metric: 'flume.source.EventAcceptedCount', unit: 'events/s', by: 'component'},
            {key: 'drained', metric: 'flume.sink.EventDrainSuccessCount', unit: 'events/s', by: 'component'},
            {key: 'failed', metric: 'flume.sink.ConnectionFailedCount', unit: 'failures/s', by: 'component'},
            {key: 'heap', metric: 'flume.jvm.heap.used', unit: 'bytes', by: 'agent'}
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

    /**
     * A line's name: the member label first, then any other label that tells two lines apart
     * (a timer's statistic, a Flume component's agent); the cluster is the page's.
     */
    label: function (def, labels) {
        var me = this, parts = [labels[def.by]];
        Ext.Object.each(labels, function (k, v) {
            if (k !== def.by && me.shared.indexOf(k) < 0) parts.push(v);
        });
        return parts.join(' ');
    }
});
