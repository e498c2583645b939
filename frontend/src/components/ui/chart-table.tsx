import type { ReactNode } from 'react';
import { useI18n } from '@/lib/i18n/use-i18n';
import { ScrollRegion } from './scroll-region';
import './chart-table.css';

export type ChartTableRow = { key: string; header: ReactNode; cells: ReactNode[] };

type ChartTableProps = {
  /** Names the table's scroll region, usually the chart's title. */
  label: string;
  /** Column headings: the row-header column first, then one per cell. */
  columns: string[];
  rows: ChartTableRow[];
};

/** A chart's data as a table, folded away under "Show as a table". */
export function ChartTable({ label, columns, rows }: ChartTableProps) {
  const { t } = useI18n();
  return (
    <details className="chart-table">
      <summary>{t('common.showTable')}</summary>
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
    </details>
  );
}
