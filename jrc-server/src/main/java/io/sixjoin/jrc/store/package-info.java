/**
 * The JRC's durable state: provisioned pledges, joined nodes and their short addresses, per-pledge OSCORE
 * sequence ceilings and replay windows, network keys, and the CSV format pledges are provisioned from.
 * Everything goes through {@link io.sixjoin.jrc.store.JrcStore}, one SQLite file (or JDBC URL) that the
 * JRC and the {@code sixjoin pledges} command may use at the same time.
 */
package io.sixjoin.jrc.store;
