/**
 * Stock and reservations: what a product is, and how an order's lines turn into stock reserved, released
 * or shipped ({@link dev.orderflow.inventory.domain.ReservationPlanner}). Plain Java: no framework, no I/O.
 */
package dev.orderflow.inventory.domain;
