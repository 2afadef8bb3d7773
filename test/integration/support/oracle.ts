/** The SQL oracle of harness/legacy/oracle.ts, reading the legacy databases of the stack under test. */
import { oracleView as oracleOf } from '../../../harness/legacy/oracle';
import { sql } from './legacy-db';

export { viewAsOracle, type OracleCustomer } from '../../../harness/legacy/oracle';

export function oracleView(dbs = { crm: 'crm', billing: 'billing', oms: 'oms' }) {
  return oracleOf(sql, dbs);
}
