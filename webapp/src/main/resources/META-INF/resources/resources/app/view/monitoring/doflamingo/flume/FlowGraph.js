/**
 * The Flume transport network, drawn with D3 from GET /monitoring/flume/flows: each agent a box
 * with its sources → channels → sinks inside (rates on every component, fill level on channels),
 * edges between agents for next hops (an avro/thrift sink to the agent whose source listens
 * there), Kafka topics, external endpoints and HDFS paths as end nodes. Agents and end nodes are
 * placed in columns by hop depth, so events read left to right. Wiring from an agent's own
 * configuration file is drawn solid; an agent without one is wired by guess (every source and
 * sink joined to every channel) and those edges are dashed. Every name is set as SVG text
 * (D3 .text(), never .html()); tooltips are SVG <title> text. Reloaded every 5 s while shown.
 * Two scopes, chosen in the toolbar: every agent of the configuration at once (the whole transport
 * network, the chosen agent's box marked; the default), or the chosen agent with the agents and
 * end points it exchanges events with directly. Either is scaled to the panel's width.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.flume.FlowGraph', {
    extend: 'Ext.panel.Panel',
    alias: 'widget.doflamingo-flume-flow',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.common.Rest',
        'Flamingo2.view.monitoring.doflamingo.common.Libs',
        'Flamingo2.view.monitoring.doflamingo.common.Messages',
        'Flamingo2.view.monitoring.doflamingo.common.Units',
        'Ext.button.Segmented'
    ],

    mixins: {refreshing: 'Flamingo2.view.monitoring.doflamingo.common.Refreshing'},
    cls: 'doflamingo-flow',
    layout: 'fit',

    /** The smallest the graph is scaled to fit the panel (per scope: the whole network may be wider); below it, the panel scrolls. */
    minScale: {all: 0.5, agent: 0.6},
    /** 'all': every agent; 'agent': the chosen agent and its direct neighbours. */
    network: 'all',

    initComponent: function () {
        var me = this;
        me.tbar = [{
            xtype: 'segmentedbutton', itemId: 'scope', allowMultiple: false,
            items: [
                {text: Ext.String.htmlEncode(me.t('doflamingo.flume.flow.scopeAll')), value: 'all', pressed: me.network === 'all'},
                {itemId: 'scopeAgent', text: Ext.String.htmlEncode(me.t('doflamingo.flume.flow.scopeAgent', '–')), value: 'agent',
                    pressed: me.network === 'agent'}
            ],
            // toggle (Ext JS 5.0 and 6): the pressed button's value; 'change' is not in every 5.x
            listeners: {toggle: function (group, button, pressed) { if (pressed) me.setNetwork(button.value); }}
        }];
        // the SVG's own element, scrolled when the graph is wider than the panel at its smallest scale
        me.items = [{xtype: 'component', itemId: 'canvas', scrollable: true}];
        me.callParent(arguments);
    },

    /** Shows every agent ('all') or the chosen agent's neighbourhood ('agent'). */
    setNetwork: function (network) {
        this.network = network === 'agent' ? 'agent' : 'all';
        if (this.isVisible(true)) this.reload();
    },

    setCluster: function (cluster) {
        var button = this.down('#scopeAgent');
        // the agent's name is the monitored system's: encoded, as a button's text is markup
        if (button) button.setText(Ext.String.htmlEncode(this.t('doflamingo.flume.flow.scopeAgent', cluster || '–')));
        this.mixins.refreshing.setCluster.call(this, cluster);
    },

    /** Sizes in px: component boxes, the agent box around them, end nodes, gaps. */
    size: {compW: 196, compH: 50, compGap: 10, colGap: 26, pad: 12, header: 40, endW: 180, endH: 46, layerGap: 80, unitGap: 28, top: 16},

    reload: function () {
        var me = this, Rest = Flamingo2.view.monitoring.doflamingo.common.Rest;
        Promise.all([
            Flamingo2.view.monitoring.doflamingo.common.Libs.ready(),
            Rest.get('flume', 'flows', me.cluster && me.network === 'agent' ? {clusterName: me.cluster} : {})
        ]).then(function (answers) {
            if (!(me.isDestroyed || me.destroyed) && me.rendered && me.down('#canvas').rendered) me.draw(answers[1].map || {nodes: [], edges: []});
        })['catch'](function (e) {
            Ext.toast(Ext.String.htmlEncode(e.message));
        });
    },

    t: function () {
        var M = Flamingo2.view.monitoring.doflamingo.common.Messages;
        return M.t.apply(M, arguments);
    },

    /** Places agents and end nodes: column = longest chain of hops leading to it (cycles cut after as many rounds as units). */
    place: function (graph) {
        var me = this, s = me.size, byId = {}, units = [], unitOf = {};
        graph.nodes.forEach(function (n) { byId[n.id] = n; });
        graph.nodes.forEach(function (n) {
            if (n.kind === 'agent') {
                n.members = {source: [], channel: [], sink: []};
                units.push(n);
            } else if (!n.parent) {
                units.push(n);
            }
        });
        graph.nodes.forEach(function (n) {
            if (n.parent && byId[n.parent]) {
                byId[n.parent].members[n.kind].push(n);
                unitOf[n.id] = byId[n.parent];
            } else {
                unitOf[n.id] = n;
            }
        });
        units.forEach(function (u) {
            u.layer = 0;
            if (u.kind === 'agent') {
                var rows = Math.max(1, u.members.source.length, u.members.channel.length, u.members.sink.length);
                u.w = 3 * s.compW + 2 * s.colGap + 2 * s.pad;
                u.h = s.header + rows * (s.compH + s.compGap) + s.pad;
            } else {
                u.w = s.endW;
                u.h = s.endH;
            }
        });
        var hops = graph.edges.filter(function (e) { return e.kind === 'hop' && unitOf[e.from] && unitOf[e.to]; });
        for (var round = 0; round < units.length; round++) {
            var changed = false;
            hops.forEach(function (e) {
                var a = unitOf[e.from], b = unitOf[e.to];
                if (a !== b && b.layer < a.layer + 1) {
                    b.layer = a.layer + 1;
                    changed = true;
                }
            });
            if (!changed) break;
        }
        var layers = [];
        units.forEach(function (u) { (layers[u.layer] = layers[u.layer] || []).push(u); });
        var x = 20, height = 0;
        layers.forEach(function (layer) {
            if (!layer) return;
            var y = s.top, w = 0;
            layer.forEach(function (u) {
                u.x = x;
                u.y = y;
                y += u.h + s.unitGap;
                w = Math.max(w, u.w);
            });
            height = Math.max(height, y);
            x += w + s.layerGap;
        });
        units.forEach(function (u) {
            if (u.kind !== 'agent') return;
            ['source', 'channel', 'sink'].forEach(function (kind, col) {
                u.members[kind].forEach(function (n, row) {
                    n.x = u.x + s.pad + col * (s.compW + s.colGap);
                    n.y = u.y + s.header + row * (s.compH + s.compGap);
                    n.w = s.compW;
                    n.h = s.compH;
                });
            });
        });
        return {byId: byId, units: units, width: x, height: height};
    },

    figures: function (n) {
        var Units = Flamingo2.view.monitoring.doflamingo.common.Units, me = this;
        if (n.kind === 'channel') {
            return me.t('doflamingo.flume.flow.channelFigures', Units.format(n.rate), Units.format(n.drain), Units.format(n.size));
        }
        var text = me.t('doflamingo.flume.flow.eventsPerSecond', Units.format(n.rate));
        if (n.kind === 'sink' && n.failures > 0) text += ', ' + me.t('doflamingo.flume.flow.failures', Units.format(n.failures));
        return text;
    },

    /** A tooltip's text (an SVG <title>: text, never markup). */
    tip: function (n) {
        var me = this, lines = [];
        if (n.kind === 'agent') {
            lines.push(n.name + ' (' + n.host + ')');
            lines.push(n.wiring === 'assumed' ? me.t('doflamingo.flume.flow.wiringAssumed') : me.t('doflamingo.flume.flow.wiringConfigured', n.configFile));
            if (n.error) lines.push(me.t('doflamingo.flume.flow.configError', n.error));
            (n.problems || []).forEach(function (p) { lines.push('• ' + p); });
            return lines.join('\n');
        }
        if (n.parent) {
            lines.push(n.agent + ' · ' + n.name + (n.type ? ' (' + n.type + ')' : ''));
            if (n.kind === 'channel' && n.fill !== null && n.fill !== undefined) {
                lines.push(me.t('doflamingo.flume.flow.fill', Flamingo2.view.monitoring.doflamingo.common.Units.format(n.fill, 'percent')));
            }
            if (!n.configured) lines.push(me.t('doflamingo.flume.flow.notConfigured'));
            if (!n.reported) lines.push(me.t('doflamingo.flume.flow.notReported'));
            return lines.join('\n');
        }
        lines.push(me.endLabel(n) + ': ' + n.name);
        if (n.bootstrapServers) lines.push(n.bootstrapServers);
        return lines.join('\n');
    },

    endLabel: function (n) {
        if (n.kind === 'topic') return n.cluster ? this.t('doflamingo.flume.flow.topicOf', n.cluster) : this.t('doflamingo.flume.flow.topic');
        if (n.kind === 'endpoint') return this.t('doflamingo.flume.flow.endpoint', n.type || '');
        return this.t('doflamingo.flume.flow.path');
    },

    /** graph: {nodes, edges} as /flows answers it. */
    draw: function (graph) {
        var me = this, s = me.size, L = me.place(graph), byId = L.byId;
        var components = graph.nodes.filter(function (n) { return n.parent && byId[n.parent]; });
        var agents = L.units.filter(function (u) { return u.kind === 'agent'; });
        var ends = L.units.filter(function (u) { return u.kind !== 'agent'; });
        var edges = graph.edges.filter(function (e) { return byId[e.from] && byId[e.to] && byId[e.from].x !== undefined && byId[e.to].x !== undefined; });
        // the whole network in view: scaled down to the panel's width (to no less than minScale;
        // narrower panels scroll), never up
        var canvas = me.down('#canvas'), width = Math.max(L.width, 400), height = L.height + 50,
            scale = Math.max(me.minScale[me.network], Math.min(1, (canvas.getWidth() - 24) / width));
        var svg = d3.select(canvas.el.dom).selectAll('svg').data([0]).join('svg')
            .attr('viewBox', '0 0 ' + width + ' ' + height).attr('preserveAspectRatio', 'xMinYMin meet')
            .attr('width', Math.round(width * scale)).attr('height', Math.round(height * scale));
        svg.selectAll('defs').data([0]).join(function (enter) {
            var d = enter.append('defs');
            d.append('marker').attr('id', 'doflamingo-flow-arrow').attr('viewBox', '0 0 10 10').attr('refX', 10).attr('refY', 5)
                .attr('markerWidth', 7).attr('markerHeight', 7).attr('orient', 'auto')
                .append('path').attr('d', 'M0,0 L10,5 L0,10 z').attr('class', 'doflamingo-flow-arrowhead');
            return d;
        });

        var agentG = svg.selectAll('g.doflamingo-flow-agent').data(agents, function (a) { return a.id + a.name; }).join(function (enter) {
            var g = enter.append('g').attr('class', 'doflamingo-flow-agent');
            g.append('title');
            g.append('rect').attr('class', 'doflamingo-flow-agent-box').attr('rx', 8);
            g.append('text').attr('class', 'doflamingo-flow-agent-name').attr('x', 12).attr('y', 18);
            g.append('text').attr('class', 'doflamingo-flow-agent-note').attr('x', 12).attr('y', 32);
            return g;
        });
        agentG.attr('transform', function (a) { return 'translate(' + a.x + ',' + a.y + ')'; })
            .classed('doflamingo-flow-assumed', function (a) { return a.wiring === 'assumed'; })
            .classed('doflamingo-flow-chosen', function (a) { return me.network === 'all' && a.name === me.cluster; })
            .classed('doflamingo-flow-error', function (a) { return !!a.error || (a.problems || []).length > 0; });
        agentG.select('title').text(function (a) { return me.tip(a); });
        agentG.select('rect').attr('width', function (a) { return a.w; }).attr('height', function (a) { return a.h; });
        agentG.select('.doflamingo-flow-agent-name').text(function (a) { return a.name + ' · ' + a.host; });
        agentG.select('.doflamingo-flow-agent-note').text(function (a) {
            if (a.error) return me.t('doflamingo.flume.flow.configError', a.error);
            if (a.wiring === 'assumed') return me.t('doflamingo.flume.flow.wiringAssumed');
            return (a.problems || []).length ? me.t('doflamingo.flume.flow.problems', a.problems.length) : '';
        });

        svg.selectAll('path.doflamingo-flow-link').data(edges, function (e) { return e.from + '>' + e.to; }).join('path')
            .attr('class', function (e) {
                return 'doflamingo-flow-link doflamingo-flow-' + e.kind + (e.assumed ? ' doflamingo-flow-dashed' : '');
            })
            .attr('marker-end', 'url(#doflamingo-flow-arrow)')
            .attr('d', function (e) {
                var a = byId[e.from], b = byId[e.to];
                var x1 = a.x + a.w, y1 = a.y + a.h / 2, x2 = b.x, y2 = b.y + b.h / 2, bend = Math.max(30, Math.abs(x2 - x1) / 2);
                return 'M' + x1 + ',' + y1 + ' C' + (x1 + bend) + ',' + y1 + ' ' + (x2 - bend) + ',' + y2 + ' ' + x2 + ',' + y2;
            });
        var hops = edges.filter(function (e) { return e.kind === 'hop'; });
        // above the hop where it leaves its box (it leaves level there), clear of the curve and the arrow
        svg.selectAll('text.doflamingo-flow-hop-rate').data(hops, function (e) { return e.from + '>' + e.to; }).join('text')
            .attr('class', 'doflamingo-flow-hop-rate')
            .attr('x', function (e) { return byId[e.from].x + byId[e.from].w + 6; })
            .attr('y', function (e) { return Math.min(byId[e.from].y + byId[e.from].h / 2, byId[e.to].y + byId[e.to].h / 2) - 7; })
            .attr('text-anchor', 'start')
            .text(function (e) {
                return me.t('doflamingo.flume.flow.eventsPerSecond', Flamingo2.view.monitoring.doflamingo.common.Units.format(e.rate));
            });

        var g = svg.selectAll('g.doflamingo-flow-node').data(components, function (n) { return n.id + n.kind + n.name; }).join(function (enter) {
            var e = enter.append('g').attr('class', 'doflamingo-flow-node');
            e.append('title');
            e.append('rect').attr('class', 'doflamingo-flow-box').attr('rx', 6);
            e.append('rect').attr('class', 'doflamingo-flow-fill').attr('height', 5).attr('x', 8);
            e.append('text').attr('class', 'doflamingo-flow-name').attr('x', 8).attr('y', 17);
            e.append('text').attr('class', 'doflamingo-flow-figures').attr('x', 8).attr('y', 33);
            return e;
        });
        g.attr('transform', function (n) { return 'translate(' + n.x + ',' + n.y + ')'; })
            .classed('doflamingo-flow-failing', function (n) { return n.failures > 0; })
            .classed('doflamingo-flow-unconfigured', function (n) { return !n.configured && byId[n.parent].wiring === 'configured'; })
            .classed('doflamingo-flow-silent', function (n) { return !n.reported; });
        g.select('title').text(function (n) { return me.tip(n); });
        g.select('.doflamingo-flow-box').attr('width', s.compW).attr('height', s.compH);
        g.select('.doflamingo-flow-name').text(function (n) {
            return me.clip(n.name + (n.type && n.type !== n.name ? ' (' + n.type + ')' : ''), 24);
        });
        g.select('.doflamingo-flow-figures').text(function (n) { return me.figures(n); });
        g.select('.doflamingo-flow-fill').attr('y', s.compH - 9)
            .attr('width', function (n) {
                return n.kind === 'channel' && n.fill !== null && n.fill !== undefined ? Math.max(1, (s.compW - 16) * Math.min(100, n.fill) / 100) : 0;
            })
            .attr('class', function (n) {
                return 'doflamingo-flow-fill' + (n.fill > 90 ? ' doflamingo-red' : n.fill > 50 ? ' doflamingo-amber' : '');
            });

        var endG = svg.selectAll('g.doflamingo-flow-end').data(ends, function (n) { return n.id + n.kind + n.name; }).join(function (enter) {
            var e = enter.append('g').attr('class', 'doflamingo-flow-end');
            e.append('title');
            e.append('rect').attr('class', 'doflamingo-flow-end-box').attr('rx', 18);
            e.append('text').attr('class', 'doflamingo-flow-end-kind').attr('x', 14).attr('y', 18);
            e.append('text').attr('class', 'doflamingo-flow-name').attr('x', 14).attr('y', 34);
            return e;
        });
        endG.attr('transform', function (n) { return 'translate(' + n.x + ',' + n.y + ')'; })
            .attr('data-kind', function (n) { return n.kind; });
        endG.select('title').text(function (n) { return me.tip(n); });
        endG.select('rect').attr('width', s.endW).attr('height', s.endH);
        endG.select('.doflamingo-flow-end-kind').text(function (n) { return me.endLabel(n); });
        endG.select('.doflamingo-flow-name').text(function (n) { return me.clip(n.name, 27); });

        svg.selectAll('text.doflamingo-flow-note').data([0]).join('text').attr('class', 'doflamingo-flow-note')
            .attr('x', 20).attr('y', L.height + 30)
            .text(agents.length === 0 ? me.t('doflamingo.flume.flow.empty')
                : (agents.some(function (a) { return a.wiring === 'assumed'; }) ? me.t('doflamingo.flume.flow.legendAssumed')
                    : me.t('doflamingo.flume.flow.legend'))
                + (me.network === 'all' && agents.length > 1 && me.cluster ? ' ' + me.t('doflamingo.flume.flow.chosen') : ''));
    },

    /** Long names are cut for the box (the tooltip has them whole). */
    clip: function (text, max) {
        return text.length > max ? text.substring(0, max - 1) + '…' : text;
    },

    onDestroy: function () {
        this.stopTimer();
        this.callParent(arguments);
    }
});
