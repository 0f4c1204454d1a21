package io.sixjoin.cli.bench;

/**
 * Passes a workload through while remembering the length of the last request sent and the last answer
 * verified, so the report can show that the three systems really exchanged datagrams of the same size.
 */
final class SizeRecorder implements Workload {
    private final Workload inner;
    private int requestBytes;
    private int responseBytes;

    SizeRecorder(Workload inner) {
        this.inner = inner;
    }

    @Override
    public Outgoing next(int messageId, byte[] token) {
        Outgoing o = inner.next(messageId, token);
        requestBytes = o.datagram().length;
        return o;
    }

    @Override
    public boolean verify(Outgoing request, byte[] datagram) {
        boolean ok = inner.verify(request, datagram);
        if (ok) {
            responseBytes = datagram.length;
        }
        return ok;
    }

    JrcBenchmark.Sizes sizes() {
        return new JrcBenchmark.Sizes(requestBytes, responseBytes);
    }
}
