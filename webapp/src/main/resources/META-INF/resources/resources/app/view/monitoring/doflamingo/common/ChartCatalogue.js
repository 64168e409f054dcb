/**
 * The charts each area's Overview and Timeline offer (the seed's "FUNC#1 Overview"): a metric of
 * docs/metrics.md, which of its series to draw and how to name each line. Series are per member
 * (broker, server, channel...) so that one misbehaving member stands out; per-topic and
 * per-partition series belong to the drill-down, not here.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.ChartCatalogue', {
    singleton: true,

    areas: {
        kafka: [
            {key: 'heap', title: 'Heap used', metric: 'kafka.jvm.heap.used', unit: 'bytes', by: 'broker'},
            {key: 'msgIn', title: 'Messages in', metric: 'kafka.server.BrokerTopicMetrics.MessagesInPerSec', unit: 'messages/s', by: 'broker', without: 'topic'},
            {key: 'bytesIn', title: 'Bytes in', metric: 'kafka.server.BrokerTopicMetrics.BytesInPerSec', unit: 'bytes/s', by: 'broker', without: 'topic'},
            {key: 'bytesOut', title: 'Bytes out', metric: 'kafka.server.BrokerTopicMetrics.BytesOutPerSec', unit: 'bytes/s', by: 'broker', without: 'topic'},
            {key: 'produceTime', title: 'Produce request time', metric: 'kafka.network.RequestMetrics.TotalTimeMs.Produce', unit: 'ms', by: 'broker'},
            {key: 'fetchTime', title: 'Fetch (consumer) request time', metric: 'kafka.network.RequestMetrics.TotalTimeMs.FetchConsumer', unit: 'ms', by: 'broker'},
            {key: 'underReplicated', title: 'Under-replicated partitions', metric: 'kafka.server.ReplicaManager.UnderReplicatedPartitions', unit: 'partitions', by: 'broker'},
            {key: 'fetchRate', title: 'Consumer fetch rate (min)', metric: 'kafka.consumer.fetch-rate', unit: 'fetches/s', by: 'client'},
            {key: 'consumed', title: 'Messages consumed', metric: 'kafka.consumer.records-consumed-rate', unit: 'records/s', by: 'client'},
            // 10,000 groups cannot all be lines: the groups lagging most when the chart opens
            {key: 'maxLag', title: 'Max lag (worst groups)', metric: 'kafka.consumer.group.max_lag', unit: 'messages', by: 'group', worstGroups: true},
            {key: 'lagSeconds', title: 'Max lag in seconds (worst groups)', metric: 'kafka.consumer.group.max_lag_seconds', unit: 's', by: 'group', worstGroups: true},
            {key: 'cpu', title: 'Process CPU', metric: 'kafka.process.cpu', unit: 'ratio', by: 'broker'},
            // the synthetic probe (when configured): which broker's partitions fail to take writes
            {key: 'probe', title: 'Probe produce availability', metric: 'kafka.probe.broker_produce_availability', unit: 'ratio', by: 'broker'}
        ],
        zookeeper: [
            {key: 'avgLatency', title: 'Average latency', metric: 'zookeeper.avg_latency', unit: 'ms', by: 'server'},
            {key: 'maxLatency', title: 'Max latency', metric: 'zookeeper.max_latency', unit: 'ms', by: 'server'},
            {key: 'connections', title: 'Connections', metric: 'zookeeper.num_alive_connections', unit: 'connections', by: 'server'},
            {key: 'outstanding', title: 'Outstanding requests', metric: 'zookeeper.outstanding_requests', unit: 'requests', by: 'server'},
            {key: 'packetsIn', title: 'Packets received', metric: 'zookeeper.packets_received', unit: 'packets/s', by: 'server'},
            {key: 'znodes', title: 'Znodes', metric: 'zookeeper.znode_count', unit: 'znodes', by: 'server'},
            {key: 'watches', title: 'Watches', metric: 'zookeeper.watch_count', unit: 'watches', by: 'server'},
            {key: 'heap', title: 'Heap used', metric: 'zookeeper.jvm.heap.used', unit: 'bytes', by: 'server'}
        ],
        flume: [
            {key: 'fill', title: 'Channel fill', metric: 'flume.channel.ChannelFillPercentage', unit: 'percent', by: 'component'},
            {key: 'size', title: 'Channel size', metric: 'flume.channel.ChannelSize', unit: 'events', by: 'component'},
            {key: 'put', title: 'Channel put rate', metric: 'flume.channel.EventPutSuccessCount', unit: 'events/s', by: 'component'},
            {key: 'take', title: 'Channel drain rate', metric: 'flume.channel.EventTakeSuccessCount', unit: 'events/s', by: 'component'},
            {key: 'accepted', title: 'Source events accepted', metric: 'flume.source.EventAcceptedCount', unit: 'events/s', by: 'component'},
            {key: 'drained', title: 'Sink events drained', metric: 'flume.sink.EventDrainSuccessCount', unit: 'events/s', by: 'component'},
            {key: 'failed', title: 'Sink connection failures', metric: 'flume.sink.ConnectionFailedCount', unit: 'failures/s', by: 'component'},
            {key: 'heap', title: 'Heap used', metric: 'flume.jvm.heap.used', unit: 'bytes', by: 'agent'}
        ]
    },

    of: function (area) {
        return this.areas[area];
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
