/** The topology suite (suite.ts) on one DynamoDB table (dynalite in this process). */
import { describeTopology } from './suite.js';

describeTopology('dynamodb');
