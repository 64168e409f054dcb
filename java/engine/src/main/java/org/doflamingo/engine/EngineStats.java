package org.doflamingo.engine;

/** Counters of an open engine, for the operator's health page. */
public final class EngineStats {
  public final long series;
  public final long samplesAccepted;
  public final long samplesDropped;
  /** Journaled, in memory, not yet in the RRD files. */
  public final long samplesBuffered;
  public final long samplesWritten;
  public final long rrdWrites;
  public final long rrdWriteErrors;
  public final long filesQuarantined;
  public final long journalSegments;
  public final long replayedSamples;
  public final long liveRingBytes;
  /** Engine log records lost because the host's handler threw (process-wide). */
  public final long logRecordsDropped;
  public final String lastStorageError;
  /** In the event log, its bytes on disk, and the records it skipped as corrupt (at open and in reads). */
  public final long events;
  public final long eventBytes;
  public final long eventCorruptRecords;

  EngineStats(org.doflamingo.engine.jni.NativeStats s) {
    series = s.getSeries();
    samplesAccepted = s.getSamplesAccepted();
    samplesDropped = s.getSamplesDropped();
    samplesBuffered = s.getSamplesBuffered();
    samplesWritten = s.getSamplesWritten();
    rrdWrites = s.getRrdWrites();
    rrdWriteErrors = s.getRrdWriteErrors();
    filesQuarantined = s.getFilesQuarantined();
    journalSegments = s.getJournalSegments();
    replayedSamples = s.getReplayedSamples();
    liveRingBytes = s.getLiveRingBytes();
    logRecordsDropped = s.getLogRecordsDropped();
    lastStorageError = s.getLastStorageError();
    events = s.getEvents();
    eventBytes = s.getEventBytes();
    eventCorruptRecords = s.getEventCorruptRecords();
  }

  @Override
  public String toString() {
    return "EngineStats{series=" + series + ", accepted=" + samplesAccepted + ", dropped=" + samplesDropped
        + ", buffered=" + samplesBuffered + ", written=" + samplesWritten + ", rrdWrites=" + rrdWrites
        + ", rrdWriteErrors=" + rrdWriteErrors + ", quarantined=" + filesQuarantined + ", journalSegments="
        + journalSegments + ", replayed=" + replayedSamples + ", liveRingBytes=" + liveRingBytes + ", events=" + events + ", eventBytes=" + eventBytes
        + ", eventCorruptRecords=" + eventCorruptRecords + "}";
  }
}
