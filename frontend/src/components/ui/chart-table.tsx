import { useState, type ReactNode } from 'react';
import { useI18n } from '@/lib/i18n/use-i18n';
import { ScrollRegion } from './scroll-region';
import './chart-table.css';

export type ChartTableRow = { key: string; header: ReactNode; cells: ReactNode[] };

type ChartTableProps = {
  /** Names the table's scroll region, usually the chart's title. */
  label: string;
  /** Column headings: the row-header column first, then one per cell. */
  columns: string[];
  /**
   * The rows, or a function that makes them: then they are made and drawn only once the
   * reader opens the table (a 48-hour table is hundreds of nodes nobody sees folded away).
   */
  rows: ChartTableRow[] | (() => ChartTableRow[]);
};

/** A chart's data as a table, folded away under "Show as a table". */
export function ChartTable({ label, columns, rows }: ChartTableProps) {
  const { t } = useI18n();
  const [opened, setOpened] = useState(false);
  const onDemand = typeof rows === 'function';
  return (
    <details className="chart-table" onToggle={(event) => setOpened(opened || event.currentTarget.open)}>
      <summary>{t('common.showTable')}</summary>
      {(!onDemand || opened) && <Rows label={label} columns={columns} rows={onDemand ? rows() : rows} />}
    </details>
  );
}

function Rows({ label, columns, rows }: { label: string; columns: string[]; rows: ChartTableRow[] }) {
  return (
    <ScrollRegion className="table-scroll" label={label}>
      <table>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.header}</th>
              {row.cells.map((cell, index) => (
                <td key={index}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
