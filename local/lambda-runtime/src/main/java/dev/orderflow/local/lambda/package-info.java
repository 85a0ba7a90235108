/**
 * Lambda's Java runtime on this machine: deployment jars unpacked as Lambda unpacks them, started by the AWS
 * Lambda Runtime Interface Client against a stand-in of the Runtime API. Nothing here is deployed.
 */
package dev.orderflow.local.lambda;
