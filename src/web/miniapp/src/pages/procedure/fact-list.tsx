import type { ReactNode } from 'react';
import type { Procedure } from '../../services/types';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Time, fee, where to submit and who decides, as label–value rows. */
export function FactList({ procedure: p }: { procedure: Procedure }) {
  return (
    <section className="card" aria-labelledby="facts-title">
      <h2 id="facts-title" className="card-title">
        Thời gian, lệ phí, nơi nộp
      </h2>
      <dl className="facts">
        <Fact label="Thời gian giải quyết">{p.timeLimit}</Fact>
        <Fact label="Lệ phí">
          {p.fee}
          {p.feeExemptions && <span className="fact-extra">{p.feeExemptions}</span>}
        </Fact>
        <Fact label="Nơi nộp">{p.submitNote}</Fact>
        <Fact label="Cơ quan giải quyết">{p.agency}</Fact>
      </dl>
    </section>
  );
}
