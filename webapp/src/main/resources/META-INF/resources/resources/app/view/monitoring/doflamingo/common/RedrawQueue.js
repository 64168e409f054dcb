/**
 * Redraws the live charts in animation frames, a few at a time. A pushed update touches every
 * chart of the Overview at once; drawn together they would hold the main thread longer than one
 * frame (12 charts of an hour of points are ~15 ms, more on a busy machine), and the page would
 * stutter on every collection. Here each frame draws waiting charts until its budget is spent
 * (always at least one), the rest in the next frames: the whole update lands within a few frames,
 * and no frame is long. A chart waits at most once however many updates reach it meanwhile.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.RedrawQueue', {
    singleton: true,

    /**
     * Milliseconds of drawing started per frame: with the one chart that may start just before it
     * runs out (about 1.5 ms, rarely 6), a frame's drawing stays near half of a 60 Hz frame, which
     * leaves the rest to painting the canvases, layout and input.
     */
    budgetMs: 6,

    constructor: function () {
        this.waiting = [];
        this.frame = null;
        this.drawFrame = this.drawFrame.bind(this);
    },

    /** Asks for one redraw of this chart (anything with redraw()); repeated asks before it runs are one. */
    request: function (chart) {
        if (chart.redrawQueued) return;
        chart.redrawQueued = true;
        this.waiting.push(chart);
        if (this.frame === null) this.frame = requestAnimationFrame(this.drawFrame);
    },

    /** Forgets a chart (destroyed or stopped) that may be waiting. */
    cancel: function (chart) {
        if (!chart.redrawQueued) return;
        chart.redrawQueued = false;
        Ext.Array.remove(this.waiting, chart);
    },

    drawFrame: function () {
        var start = performance.now(), drawn = 0;
        this.frame = null;
        while (this.waiting.length && (drawn === 0 || performance.now() - start < this.budgetMs)) {
            var chart = this.waiting.shift();
            chart.redrawQueued = false;
            drawn++;
            try {
                chart.redraw();
            } catch (e) {
                console.error('Doflamingo: a chart could not be redrawn', e); // one bad chart must not stop the others
            }
        }
        if (this.waiting.length) this.frame = requestAnimationFrame(this.drawFrame);
    }
});
