/**
 * An agent's flow as a graph, drawn with D3: sources, then channels (with their fill level), then
 * sinks, in three columns, each node with its current rate; every 5 s while shown. Flume's
 * metrics name components and their type but not how they are wired, so each source is drawn
 * into each of the agent's channels and each channel into each sink: exact for the usual
 * one-channel agent, a superset otherwise (the legend says so). Names are set as SVG text.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.flume.FlowGraph', {
    extend: 'Ext.Component',
    alias: 'widget.doflamingo-flume-flow',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.common.LatestTable',
        'Flamingo2.view.monitoring.doflamingo.common.Libs',
        'Flamingo2.view.monitoring.doflamingo.common.Units'
    ],

    cls: 'doflamingo-flow',
    scrollable: true,
    columns: [
        {type: 'source', title: 'Sources', fields: {rate: 'flume.source.EventAcceptedCount', received: 'flume.source.EventReceivedCount'}},
        {type: 'channel', title: 'Channels', fields: {fill: 'flume.channel.ChannelFillPercentage', size: 'flume.channel.ChannelSize',
            rate: 'flume.channel.EventPutSuccessCount', drain: 'flume.channel.EventTakeSuccessCount'}},
        {type: 'sink', title: 'Sinks', fields: {rate: 'flume.sink.EventDrainSuccessCount', failed: 'flume.sink.ConnectionFailedCount'}}
    ],

    setCluster: function (cluster) {
        this.cluster = cluster;
        if (this.isVisible(true)) this.reload();
    },

    activated: function () {
        var me = this;
        me.reload();
        clearInterval(me.timer);
        me.timer = setInterval(function () {
            if (me.isVisible(true)) me.reload(); else clearInterval(me.timer);
        }, 5000);
    },

    reload: function () {
        var me = this, Table = Flamingo2.view.monitoring.doflamingo.common.LatestTable;
        Promise.all([Flamingo2.view.monitoring.doflamingo.common.Libs.ready()].concat(me.columns.map(function (c) {
            return Table.read('flume', me.cluster, 'component', c.fields);
        }))).then(function (answers) {
            if (!(me.isDestroyed || me.destroyed) && me.rendered) me.draw(answers.slice(1));
        })['catch'](function (e) {
            Ext.toast(Ext.String.htmlEncode(e.message));
        });
    },

    /** columns: rows of sources, channels, sinks (each {component, labels, ...figures}). */
    draw: function (columns) {
        var me = this, Units = Flamingo2.view.monitoring.doflamingo.common.Units;
        var nodeW = 220, nodeH = 64, gapX = 110, gapY = 24, top = 40;
        var nodes = [], links = [];
        columns.forEach(function (rows, c) {
            rows.forEach(function (r, i) {
                nodes.push(Ext.apply({type: me.columns[c].type, col: c, x: 20 + c * (nodeW + gapX), y: top + i * (nodeH + gapY),
                    key: r.labels.agent + '\u0000' + r.component}, r));
            });
        });
        function ofAgent(type, agent) {
            return nodes.filter(function (n) { return n.type === type && n.labels.agent === agent; });
        }
        nodes.filter(function (n) { return n.type === 'channel'; }).forEach(function (ch) {
            ofAgent('source', ch.labels.agent).forEach(function (s) { links.push({from: s, to: ch}); });
            ofAgent('sink', ch.labels.agent).forEach(function (s) { links.push({from: ch, to: s}); });
        });
        var rows = Math.max.apply(Math, columns.map(function (r) { return r.length; }).concat([1]));
        var svg = d3.select(me.el.dom).selectAll('svg').data([0]).join('svg')
            .attr('width', 3 * nodeW + 2 * gapX + 40).attr('height', top + rows * (nodeH + gapY) + 40);
        svg.selectAll('text.doflamingo-flow-title').data(me.columns).join('text')
            .attr('class', 'doflamingo-flow-title').attr('x', function (d, i) { return 20 + i * (nodeW + gapX); }).attr('y', 24)
            .text(function (d) { return d.title; });
        svg.selectAll('path.doflamingo-flow-link').data(links).join('path').attr('class', 'doflamingo-flow-link')
            .attr('d', function (l) {
                var x1 = l.from.x + nodeW, y1 = l.from.y + nodeH / 2, x2 = l.to.x, y2 = l.to.y + nodeH / 2;
                return 'M' + x1 + ',' + y1 + ' C' + (x1 + gapX / 2) + ',' + y1 + ' ' + (x2 - gapX / 2) + ',' + y2 + ' ' + x2 + ',' + y2;
            });
        var g = svg.selectAll('g.doflamingo-flow-node').data(nodes, function (n) { return n.type + n.key; }).join(function (enter) {
            var e = enter.append('g').attr('class', 'doflamingo-flow-node');
            e.append('rect').attr('class', 'doflamingo-flow-box').attr('width', nodeW).attr('height', nodeH).attr('rx', 6);
            e.append('rect').attr('class', 'doflamingo-flow-fill').attr('height', 6).attr('x', 8).attr('y', nodeH - 12);
            e.append('text').attr('class', 'doflamingo-flow-name').attr('x', 10).attr('y', 20);
            e.append('text').attr('class', 'doflamingo-flow-figures').attr('x', 10).attr('y', 40);
            return e;
        });
        g.attr('transform', function (n) { return 'translate(' + n.x + ',' + n.y + ')'; })
            .classed('doflamingo-flow-failing', function (n) { return n.failed > 0; });
        g.select('.doflamingo-flow-name').text(function (n) { return n.labels.agent + ' · ' + n.component; });
        g.select('.doflamingo-flow-figures').text(function (n) {
            var rate = Units.format(n.rate, 'events/s') + ' ev/s';
            if (n.type === 'channel') return rate + ' in, ' + Units.format(n.drain, 'events/s') + ' out, ' + Units.format(n.size) + ' queued';
            if (n.type === 'sink' && n.failed > 0) return rate + ', ' + Units.format(n.failed) + ' failures/s';
            return rate;
        });
        g.select('.doflamingo-flow-fill')
            .attr('width', function (n) { return n.type === 'channel' ? Math.max(1, (nodeW - 16) * Math.min(100, n.fill || 0) / 100) : 0; })
            .attr('class', function (n) {
                return 'doflamingo-flow-fill' + (n.fill > 90 ? ' doflamingo-red' : n.fill > 50 ? ' doflamingo-amber' : '');
            });
        svg.selectAll('text.doflamingo-flow-note').data([0]).join('text').attr('class', 'doflamingo-flow-note')
            .attr('x', 20).attr('y', top + rows * (nodeH + gapY) + 20)
            .text(nodes.length ? 'Links join every source and sink of an agent to its channels: Flume\'s metrics do not say how they are wired.'
                : 'No Flume components reported yet.');
    },

    onDestroy: function () {
        clearInterval(this.timer);
        this.callParent(arguments);
    }
});
