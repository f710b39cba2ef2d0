// The purchase plan from the facts: per active item and warehouse, stock on hand and on order, the demand of
// the last days, and the item's reorder point, quantity and lead time, fed to plan.ts; and the command that
// turns chosen plan lines into draft orders, one per supplier and warehouse.
import type { Database } from '../db/database.ts';
import { ErrorList } from '../errors.ts';
import type { Actor } from '../finance/commands.ts';
import { formatMicros, formatQuantity } from '../inventory/index.ts';
import { micros, milli } from '../masterdata/records.ts';
import type { Command, CommandResult } from '../writer.ts';
import { orderRaisedJson, type RaisedOrder, raiseOrder } from './orders.ts';
import { type PlanInput, type PlanSuggestion, purchasePlan } from './plan.ts';
import type { PlanOrdersInput, PurchasePlanQuery } from './schema.ts';

/** Order statuses whose open quantity is still to come. */
const OPEN_STATUSES = "('draft', 'approved', 'sent', 'partly_received')";

const PLAN_SQL = `
with items as (
    select * from facts.items qualify row_number() over (partition by sku order by version desc) = 1
), warehouses as (
    select * from facts.warehouses
    qualify row_number() over (partition by warehouse_code order by version desc) = 1
), on_hand as (
    select item_sku, warehouse_code, sum(quantity) as quantity
    from facts.stock_moves where posting_date <= $as_of::date group by all
), demand as (
    select item_sku, warehouse_code, -sum(quantity) as quantity
    from facts.stock_moves
    where move_type in ('issue', 'return')
      and posting_date > $as_of::date - $days::integer and posting_date <= $as_of::date
    group by all
), statuses as (
    select document_number, arg_max(status, seq) as status from facts.purchase_order_events group by all
), accepted as (
    select order_number, order_line_no, sum(quantity_accepted) as quantity
    from facts.goods_receipt_lines group by all
), on_order as (
    select o.warehouse_code, l.item_sku, sum(greatest(l.quantity - coalesce(a.quantity, 0), 0)) as quantity
    from facts.purchase_orders o
    join statuses s on s.document_number = o.document_number
    join facts.purchase_order_lines l on l.document_number = o.document_number
    left join accepted a on a.order_number = l.document_number and a.order_line_no = l.line_no
    where s.status in ${OPEN_STATUSES}
    group by all
)
select i.sku, w.warehouse_code, i.reorder_point, i.reorder_quantity, i.lead_time_days, i.purchase_price,
       i.default_supplier, coalesce(h.quantity, 0) as on_hand, coalesce(o.quantity, 0) as on_order,
       coalesce(d.quantity, 0) as demand
from items i
cross join warehouses w
left join on_hand h on h.item_sku = i.sku and h.warehouse_code = w.warehouse_code
left join on_order o on o.item_sku = i.sku and o.warehouse_code = w.warehouse_code
left join demand d on d.item_sku = i.sku and d.warehouse_code = w.warehouse_code
where i.is_active and w.is_active and (i.reorder_point > 0 or i.reorder_quantity > 0)
  and ($warehouse::varchar is null or w.warehouse_code = $warehouse)
order by i.sku, w.warehouse_code`;

interface PlanLine extends PlanSuggestion {
  onHand: bigint;
  onOrder: bigint;
  supplier: string | null;
  priceMicros: bigint;
}

export async function computePlan(db: Database, query: PurchasePlanQuery): Promise<PlanLine[]> {
  const rows = await db.query(PLAN_SQL, {
    as_of: query.as_of,
    days: query.demand_days,
    warehouse: query.warehouse ?? null,
  });
  const details = new Map<string, { supplier: string | null; price: bigint }>();
  const inputs: PlanInput[] = rows.map((row) => {
    const key = `${row.sku}\n${row.warehouse_code}`;
    details.set(key, {
      supplier: row.default_supplier === null ? null : String(row.default_supplier),
      price: micros(row.purchase_price),
    });
    return {
      item: String(row.sku),
      warehouse: String(row.warehouse_code),
      onHand: milli(row.on_hand),
      onOrder: milli(row.on_order),
      reorderPoint: milli(row.reorder_point),
      reorderQuantity: milli(row.reorder_quantity),
      leadTimeDays: Number(row.lead_time_days),
      demand: milli(row.demand),
      demandDays: query.demand_days,
    };
  });
  const byKey = new Map(inputs.map((input) => [`${input.item}\n${input.warehouse}`, input]));
  return purchasePlan(inputs, query.as_of).map((line) => {
    const key = `${line.item}\n${line.warehouse}`;
    const input = byKey.get(key) as PlanInput;
    const detail = details.get(key) ?? { supplier: null, price: 0n };
    return {
      ...line,
      onHand: input.onHand,
      onOrder: input.onOrder,
      supplier: detail.supplier,
      priceMicros: detail.price,
    };
  });
}

export async function purchasePlanAnswer(db: Database, query: PurchasePlanQuery) {
  const lines = await computePlan(db, query);
  return {
    as_of: query.as_of,
    demand_days: query.demand_days,
    rows: lines.map((line) => ({
      item: line.item,
      warehouse: line.warehouse,
      supplier: line.supplier,
      on_hand: formatQuantity(line.onHand),
      on_order: formatQuantity(line.onOrder),
      position: formatQuantity(line.position),
      lead_time_demand: formatQuantity(line.leadTimeDemand),
      quantity: formatQuantity(line.quantity),
      unit_price: formatMicros(line.priceMicros),
      expected_date: line.expectedDate,
      reason: line.reason,
    })),
  };
}

/** Draft orders from chosen plan lines, grouped by the items' default supplier and the warehouse. */
export function planOrdersCommand(actor: Actor, input: PlanOrdersInput): Command {
  return {
    name: 'purchase_plan.order',
    ...actor,
    request: input,
    exclusive: true,
    async run(ctx): Promise<CommandResult> {
      const plan = await computePlan(ctx.db, { as_of: input.date, demand_days: input.demand_days });
      const errors = new ErrorList();
      const groups = new Map<
        string,
        { supplier: string; warehouse: string; lines: Array<{ item: string; quantity: bigint }> }
      >();
      input.lines.forEach((line, index) => {
        const suggestion = plan.find(
          (candidate) => candidate.item === line.item && candidate.warehouse === line.warehouse,
        );
        if (!suggestion) {
          errors.add(
            `lines.${index}`,
            'not_in_plan',
            `the plan suggests no order of ${line.item} for ${line.warehouse}`,
          );
        } else if (!suggestion.supplier) {
          errors.add(`lines.${index}.item`, 'item_has_no_supplier', `${line.item} has no default supplier`);
        } else {
          const key = `${suggestion.supplier}\n${line.warehouse}`;
          const group = groups.get(key) ?? {
            supplier: suggestion.supplier,
            warehouse: line.warehouse,
            lines: [],
          };
          group.lines.push({ item: line.item, quantity: line.quantity ?? suggestion.quantity });
          groups.set(key, group);
        }
      });
      errors.throwIfAny('the plan lines cannot be ordered');
      const orders: RaisedOrder[] = [];
      for (const group of groups.values()) {
        const order = raiseOrder(
          ctx,
          { date: input.date, ...group, memo: 'from the purchase plan' },
          errors,
          '',
        );
        if (order) orders.push(order);
      }
      errors.throwIfAny('the plan lines cannot be ordered');
      return { status: 201, body: { orders: orders.map(orderRaisedJson) } };
    },
  };
}
