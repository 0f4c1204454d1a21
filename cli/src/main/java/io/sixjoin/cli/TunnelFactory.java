package io.sixjoin.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.sixjoin.jrc.JrcConfig;
import io.sixjoin.jrc.tunnel.InMemoryTunnelTransport;
import io.sixjoin.jrc.tunnel.TunnelConfig;
import io.sixjoin.jrc.tunnel.TunnelConnector;

/** Builds the bridges' tunnel connector a JRC config asks for: over UDP, in-process, or none. */
final class TunnelFactory {
    private TunnelFactory() {
    }

    static TunnelConnector create(JrcConfig config) {
        return config.tunnel().map(address -> new TunnelConnector(settings(config, address))).orElse(null);
    }

    /**
     * A connector for bridges in this JVM, each attached to {@code transport} through an {@link InProcessUplink}.
     * Nothing is bound: the configured tunnel address, or loopback port 0, only names the connector.
     */
    static TunnelConnector inProcess(JrcConfig config, InMemoryTunnelTransport transport) {
        InetSocketAddress name = config.tunnel().orElse(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new TunnelConnector(settings(config, name), transport);
    }

    private static TunnelConfig settings(JrcConfig config, InetSocketAddress address) {
        TunnelConfig t = TunnelConfig.of(address);
        if (config.jrcAddress().isPresent()) {
            t = t.withDefaultJrcAddress(config.jrcAddress().get());
        }
        return t;
    }
}
