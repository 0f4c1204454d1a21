package io.sixjoin.cli;

import io.sixjoin.jrc.JrcConfig;
import io.sixjoin.jrc.tunnel.TunnelConfig;
import io.sixjoin.jrc.tunnel.TunnelConnector;

/** Builds the bridges' IPv6-in-UDP tunnel connector a JRC config asks for, or none. */
final class TunnelFactory {
    private TunnelFactory() {
    }

    static TunnelConnector create(JrcConfig config) {
        return config.tunnel().map(address -> {
            TunnelConfig t = TunnelConfig.of(address);
            if (config.jrcAddress().isPresent()) {
                t = t.withDefaultJrcAddress(config.jrcAddress().get());
            }
            return new TunnelConnector(t);
        }).orElse(null);
    }
}
