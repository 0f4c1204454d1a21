package io.sixjoin.stack.cojp;

import org.eclipse.californium.core.coap.option.MapBasedOptionRegistry;
import org.eclipse.californium.core.coap.option.OpaqueOptionDefinition;
import org.eclipse.californium.core.coap.option.OptionRegistry;
import org.eclipse.californium.core.coap.option.StandardOptionRegistry;

/**
 * CoAP option 40, "Stateless-Proxy", as OpenWSN firmware's join proxy uses it: an option from an intermediate
 * draft of RFC 9031 that never got an IANA number (RFC 9031 itself carries proxy state in the token instead).
 * openwsn-fw puts the pledge's link-local IID (8 bytes) and, when not 5683, its UDP port (2 bytes) in it, and the
 * JRC must echo it unchanged, outside OSCORE, in the response. Californium silently drops an unregistered
 * elective option while parsing, so any endpoint that must see it is built with {@link #REGISTRY}.
 */
public final class OpenWsnStatelessProxy {
    public static final int NUMBER = 40;
    /** Lengths openwsn-fw produces are 8 and 10; accept up to 255 so an odd proxy is echoed, not lost. */
    public static final OpaqueOptionDefinition OPTION =
            new OpaqueOptionDefinition(NUMBER, "Stateless-Proxy", true, 1, 255);
    /** Californium's standard options plus option 40. */
    public static final OptionRegistry REGISTRY =
            new MapBasedOptionRegistry(StandardOptionRegistry.getDefaultOptionRegistry(), OPTION);

    private OpenWsnStatelessProxy() {
    }
}
